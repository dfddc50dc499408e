import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, defaultContentDir, migrationsDir } from '../src/app.js';
import { loadContent } from '../src/core/content/load.js';
import { createLogger } from '../src/log.js';
import { readinessFigures, readinessLatency } from './core-phases.js';
import { buildDataset } from './dataset.js';
import { progress, round, writeResults } from './measure.js';

/**
 * npm run bench:readiness: the bench's readiness phase alone, on the same dataset (the whole
 * bench takes minutes and runs everything else too). `--quick` for the smaller dataset.
 */
const quick = process.argv.includes('--quick');
const shape = quick ? { members: 20_000, answers: 500_000, smallCommunities: 100, days: 365 } : { members: 100_000, answers: 5_000_000, smallCommunities: 1_000, days: 365 };
const dir = mkdtempSync(join(tmpdir(), 'cloudstudy-bench-'));
try {
  const dbPath = join(dir, 'bench.db');
  const dataset = buildDataset(dbPath, migrationsDir, loadContent(defaultContentDir).items, shape, Date.now());
  const app = createApp({ databasePath: dbPath, log: createLogger('silent') });
  // One untimed round: V8 compiles the estimator and SQLite's cache warms, as in a running bot.
  await readinessLatency(app, dataset, 1);
  const r = await readinessLatency(app, dataset, 3);
  app.close();
  const load = round(loadavg()[0] ?? 0, 1);
  progress(`/readiness for ${dataset.carded.length} members, middle of 3 sets by p99: wall p50 ${round(r.member.p50)} ms, p99 ${round(r.member.p99)} ms; CPU time p50 ${round(r.cpu.p50)} ms, p99 ${round(r.cpu.p99)} ms (target ≤ 2 ms); /readiness group ${Math.round(r.groupMs)} ms; load average ${load}`);
  if (!quick) writeResults(readinessFigures(r, load));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
