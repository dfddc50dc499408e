import { distance } from 'fastest-levenshtein';

/**
 * How many edits apart two words are, counting a swap of two neighbouring letters as one
 * ("lamdba" → "lambda"), as a learner would. Levenshtein alone counts a swap as two.
 */
export function typoDistance(a: string, b: string): number {
  const d = distance(a, b);
  return d === 2 && isOneSwap(a, b) ? 1 : d;
}

function isOneSwap(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return i + 1 < a.length && a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
}
