/** Scores of a probability estimate against known true chances; nothing here asserts a target. */
export interface Pair {
  predicted: number;
  truth: number;
}

/** Expected Brier score over a right/wrong outcome drawn with the true chance: no sampling noise. */
export function brier(pairs: readonly Pair[]): { brier: number; floor: number } {
  const mean = (f: (p: Pair) => number): number => pairs.reduce((s, p) => s + f(p), 0) / pairs.length;
  return { brier: mean((p) => (p.predicted - p.truth) ** 2 + p.truth * (1 - p.truth)), floor: mean((p) => p.truth * (1 - p.truth)) };
}

/** Ten equal-count bins by prediction; each bin's |mean predicted − mean true|, and their mean. */
export function decileCalibration(pairs: readonly Pair[]): { error: number; bins: { predicted: number; truth: number; n: number }[] } {
  const sorted = [...pairs].sort((a, b) => a.predicted - b.predicted);
  const bins = Array.from({ length: 10 }, (_, d) => {
    const bin = sorted.slice(Math.floor((d * sorted.length) / 10), Math.floor(((d + 1) * sorted.length) / 10));
    const mean = (f: (p: Pair) => number): number => bin.reduce((s, p) => s + f(p), 0) / Math.max(1, bin.length);
    return { predicted: mean((p) => p.predicted), truth: mean((p) => p.truth), n: bin.length };
  });
  return { error: bins.reduce((s, b) => s + Math.abs(b.predicted - b.truth), 0) / bins.length, bins };
}

function ranks(values: readonly number[]): number[] {
  const order = values.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]);
  const out = new Array<number>(values.length);
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && order[j + 1]![0] === order[i]![0]) j++;
    for (let k = i; k <= j; k++) out[order[k]![1]] = (i + j) / 2;
    i = j + 1;
  }
  return out;
}

/** Spearman's rank correlation: Pearson's on the ranks, ties averaged. */
export function spearman(x: readonly number[], y: readonly number[]): number {
  const rx = ranks(x);
  const ry = ranks(y);
  const mean = (r: number[]): number => r.reduce((s, v) => s + v, 0) / r.length;
  const mx = mean(rx);
  const my = mean(ry);
  let num = 0;
  let dx = 0;
  let dy = 0;
  for (let i = 0; i < rx.length; i++) {
    num += (rx[i]! - mx) * (ry[i]! - my);
    dx += (rx[i]! - mx) ** 2;
    dy += (ry[i]! - my) ** 2;
  }
  return dx === 0 || dy === 0 ? 0 : num / Math.sqrt(dx * dy);
}
