import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

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

/**
 * Merges figures into bench/results.json: the bench, its readiness phase alone and the
 * calibration each write their own keys and keep the others'.
 */
export function writeResults(figures: Record<string, unknown>): void {
  const file = fileURLToPath(new URL('results.json', import.meta.url));
  const results = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
  writeFileSync(file, `${JSON.stringify({ ...results, ...figures }, null, 2)}\n`);
}
