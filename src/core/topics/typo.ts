import { distance } from 'fastest-levenshtein';

/**
 * How many edits apart two words are, counting a swap of two neighbouring letters as one
 * ("lamdba" → "lambda"), as a learner would. Levenshtein alone counts a swap as two.
 */
export function typoDistance(a: string, b: string): number {
  const d = distance(a, b);
  return d === 2 && isOneSwap(a, b) ? 1 : d;
}

/** Which letters a–z a word uses, one bit each (other characters share the last bit). */
export function letterSet(word: string): number {
  let set = 0;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    set |= 1 << (c >= 97 && c <= 122 ? c - 97 : 26);
  }
  return set;
}

/**
 * A cheap test that rules most words out before the edit distance: one edit adds or removes
 * at most one letter from a word's letter set and can swap one for another, so words more
 * than `edits` edits apart differ in more than 2 × `edits` letters.
 */
export function mayBeWithin(setA: number, setB: number, edits: number): boolean {
  let differing = setA ^ setB;
  let count = 0;
  while (differing !== 0 && count <= 2 * edits) {
    differing &= differing - 1;
    count++;
  }
  return count <= 2 * edits;
}

function isOneSwap(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return i + 1 < a.length && a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
}
