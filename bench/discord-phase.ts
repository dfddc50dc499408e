import type { Summary } from './measure.js';

/** Placeholder until the fake Discord lands; replaced by the real phase. */
export async function discordEndToEnd(_dir: string, _n: number): Promise<{ bot: Summary; floor: Summary }> {
  const none = { p50: NaN, p99: NaN, max: NaN, n: 0 };
  return { bot: none, floor: none };
}
