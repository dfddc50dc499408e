/**
 * Bounded optimal-string-alignment distance: Levenshtein plus adjacent transpositions, so
 * "lamdba" → "lambda" costs one edit, as a learner would expect. fastest-levenshtein does not
 * count transpositions, hence this small version.
 *
 * The returned function reuses three preallocated rows and gives up as soon as the distance
 * must exceed `max`, because lookup only asks "within one or two edits?".
 */
export type BoundedDistance = (a: string, b: string, max: number) => number;

export function createBoundedDistance(maxLength = 64): BoundedDistance {
  let before = new Int32Array(maxLength + 1);
  let prev = new Int32Array(maxLength + 1);
  let cur = new Int32Array(maxLength + 1);

  /** Returns the distance when it is at most `max`, otherwise `max + 1`. */
  return (a, b, max) => {
    const n = a.length;
    const m = b.length;
    if (n - m > max || m - n > max || n > maxLength || m > maxLength) return max + 1;
    for (let j = 0; j <= m; j++) prev[j] = j;
    for (let i = 1; i <= n; i++) {
      const ai = a.charCodeAt(i - 1);
      const aPrev = i > 1 ? a.charCodeAt(i - 2) : -1;
      cur[0] = i;
      let rowMin = i;
      for (let j = 1; j <= m; j++) {
        const bj = b.charCodeAt(j - 1);
        let v = (prev[j - 1] as number) + (ai === bj ? 0 : 1);
        const del = (prev[j] as number) + 1;
        if (del < v) v = del;
        const ins = (cur[j - 1] as number) + 1;
        if (ins < v) v = ins;
        if (j > 1 && ai === b.charCodeAt(j - 2) && aPrev === bj) {
          const swap = (before[j - 2] as number) + 1;
          if (swap < v) v = swap;
        }
        cur[j] = v;
        if (v < rowMin) rowMin = v;
      }
      // Every later row is at least this row's minimum, so the bound is already broken.
      if (rowMin > max) return max + 1;
      const spare = before;
      before = prev;
      prev = cur;
      cur = spare;
    }
    const d = prev[m] as number;
    return d > max ? max + 1 : d;
  };
}
