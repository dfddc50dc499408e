/** Percentiles and timing helpers for the bench; nothing here asserts a target. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? NaN;
}

export interface Summary {
  p50: number;
  p99: number;
  max: number;
  n: number;
}

export function summarize(samplesMs: number[]): Summary {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted[sorted.length - 1] ?? NaN, n: sorted.length };
}

export const nowMs = (): number => Number(process.hrtime.bigint()) / 1e6;

/** Times `fn` `n` times; returns per-call milliseconds. */
export function timeEach(n: number, fn: (i: number) => void): number[] {
  const samples: number[] = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const start = nowMs();
    fn(i);
    samples[i] = nowMs() - start;
  }
  return samples;
}

export function progress(message: string): void {
  process.stdout.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

export const round = (n: number, digits = 3): number => Number(n.toFixed(digits));
