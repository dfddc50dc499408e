/**
 * Bounded optimal-string-alignment distance: Levenshtein plus adjacent transpositions, so
 * "lamdba" → "lambda" costs one edit, as a learner would expect. fastest-levenshtein does not
 * count transpositions, hence this small version.
 *
 * Lookup only asks "within one or two edits?", so the function fills just the diagonal band
 * |i - j| <= max of the table, reuses one preallocated buffer, and stops as soon as a whole row
 * is over the bound.
 */
export type BoundedDistance = (a: string, b: string, max: number) => number;

export function createBoundedDistance(maxLength = 64): BoundedDistance {
  // Three preallocated rows (two back, previous, current), rotated by reference.
  const rowA = new Int32Array(maxLength + 2);
  const rowB = new Int32Array(maxLength + 2);
  const rowC = new Int32Array(maxLength + 2);

  /** Returns the distance when it is at most `max`, otherwise `max + 1`. */
  return (a, b, max) => {
    const n = a.length;
    const m = b.length;
    const over = max + 1;
    if (n - m > max || m - n > max || n > maxLength || m > maxLength) return over;
    if (max <= 1) return max === 1 ? oneEditOrMore(a, b) : a === b ? 0 : 1;
    let before = rowA;
    let prev = rowB;
    let cur = rowC;
    for (let j = 0; j <= m + 1; j++) prev[j] = j <= max ? j : over;
    for (let i = 1; i <= n; i++) {
      const ai = a.charCodeAt(i - 1);
      const aBefore = i > 1 ? a.charCodeAt(i - 2) : -1;
      const lo = i - max > 1 ? i - max : 1;
      const hi = i + max < m ? i + max : m;
      // Cells just outside the band read as "too far", so stale values from older rows never leak in.
      const edge = lo === 1 ? i : over;
      cur[lo - 1] = edge;
      cur[hi + 1] = over;
      let rowMin = edge;
      let left = edge;
      let diagonal = prev[lo - 1] as number;
      for (let j = lo; j <= hi; j++) {
        const bj = b.charCodeAt(j - 1);
        const up = prev[j] as number;
        let v = diagonal + (ai === bj ? 0 : 1);
        if (up + 1 < v) v = up + 1;
        if (left + 1 < v) v = left + 1;
        if (aBefore === bj && j > 1 && ai === b.charCodeAt(j - 2)) {
          const swap = (before[j - 2] as number) + 1;
          if (swap < v) v = swap;
        }
        cur[j] = v;
        left = v;
        diagonal = up;
        if (v < rowMin) rowMin = v;
      }
      // No later row can be below this row's minimum, so the bound is already broken.
      if (rowMin > max) return over;
      const spare = before;
      before = prev;
      prev = cur;
      cur = spare;
    }
    const d = prev[m] as number;
    return d > max ? over : d;
  };
}

/**
 * The common case (one edit allowed) without the table: after the shared prefix, the rest must
 * match after one substitution, one insertion, one deletion or one swap. Returns 0, 1 or 2 (= more).
 * Callers have already checked that the lengths differ by at most one.
 */
function oneEditOrMore(a: string, b: string): number {
  const n = a.length;
  const m = b.length;
  let i = 0;
  while (i < n && i < m && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (i === n && i === m) return 0;
  if (n > m) return sameRest(a, i + 1, b, i) ? 1 : 2;
  if (m > n) return sameRest(a, i, b, i + 1) ? 1 : 2;
  if (sameRest(a, i + 1, b, i + 1)) return 1;
  const swapped = i + 1 < n && a.charCodeAt(i) === b.charCodeAt(i + 1) && a.charCodeAt(i + 1) === b.charCodeAt(i);
  return swapped && sameRest(a, i + 2, b, i + 2) ? 1 : 2;
}

/** Whether a from index i equals b from index j, to the end of both. */
function sameRest(a: string, i: number, b: string, j: number): boolean {
  if (a.length - i !== b.length - j) return false;
  for (; i < a.length; i++, j++) if (a.charCodeAt(i) !== b.charCodeAt(j)) return false;
  return true;
}

/** Bit i is set when the word contains letter i (a–z); digits share the top six bits. */
export function letterMask(word: string): number {
  let mask = 0;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    mask |= 1 << (c >= 97 ? c - 97 : 26 + ((c - 48) % 6));
  }
  return mask;
}

/**
 * How many letters one word uses that the other does not (from two letterMasks). One edit
 * changes this by at most two, so a difference over 2 × max rules a word out without computing
 * its edit distance; this rejects most of the vocabulary for a typical query word.
 */
export function letterSetDifference(maskA: number, maskB: number): number {
  let v = maskA ^ maskB;
  v -= (v >>> 1) & 0x55555555;
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}
