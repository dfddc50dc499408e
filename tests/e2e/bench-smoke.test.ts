import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { answerBurst } from '../../bench/burst-phase.js';
import { evaluate, simulate } from '../../bench/calibration.js';
import { closeBurstPost, explainLatency, leaderboardLatency, naiveLeaderboardLatency, practiceVsExamPress, rawInsertRate, readinessLatency } from '../../bench/core-phases.js';
import { chartRender } from '../../bench/chart-phase.js';
import { buildDataset } from '../../bench/dataset.js';
import { discordEndToEnd } from '../../bench/discord-phase.js';
import { startupAndMemory } from '../../bench/process-phase.js';
import { topOfHour } from '../../bench/top-of-hour-phase.js';
import { createApp, defaultContentDir, migrationsDir } from '../../src/app.js';
import { loadContent } from '../../src/core/content/load.js';
import { createLibrary } from '../../src/core/library.js';
import { createLogger } from '../../src/log.js';
import { lookupQueries } from '../support/lookup-queries.js';

/**
 * `npm run bench` at a tiny size, so the bench cannot quietly rot: every phase runs on the
 * real parts and yields its figures. No timing is asserted (this machine is too noisy for
 * that; the targets are checked by the bench itself), only that the work was really done.
 */
describe('npm run bench, every phase at a tiny size', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cloudstudy-bench-smoke-'));
    // The process phases run dist/main.js, as npm start does: build it from these sources.
    execFileSync('npm', ['run', '--silent', 'build'], { stdio: 'ignore' });
    // The bench's progress lines would only clutter the test output.
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  });
  afterAll(() => {
    vi.restoreAllMocks();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('measures the store, the core, Discord end to end and the bot process', async () => {
    const dbPath = join(dir, 'bench.db');
    const shape = { members: 300, answers: 3_000, smallCommunities: 5, days: 30 };
    const dataset = buildDataset(dbPath, migrationsDir, loadContent(defaultContentDir).items, shape, Date.now());
    const app = createApp({ databasePath: dbPath, log: createLogger('silent') });
    try {
      expect(rawInsertRate(dir, 100, 'FULL')).toBeGreaterThan(0);
      const burst = await answerBurst(app, dataset, dir);
      // Every member who had not answered today's post did, once, in three interleaved sets.
      expect(burst.recorded).toBe(shape.members);
      expect(burst.sets).toHaveLength(3);
      for (const set of burst.sets) expect(set.bot > 0 && set.raw > 0).toBe(true);
      // Throws unless the close applied the answers to scores.
      expect(await closeBurstPost(app, dataset)).toBeGreaterThan(0);
      expect((await leaderboardLatency(app, dataset, 2)).all_periods.n).toBe(6);
      expect(naiveLeaderboardLatency(app, dataset, 1).n).toBe(3);
      expect((await explainLatency(app, 1)).n).toBe(lookupQueries.length);
      // Throws unless every carded member gets a figure and the group view answers.
      const readiness = await readinessLatency(app, dataset, 1);
      expect(dataset.carded.length).toBe(3);
      expect(readiness.member.n).toBe(3);
      // The dataset's own cards (for past misses) belong to those three; the burst's close made today's.
      expect(app.store.db.prepare('SELECT count(DISTINCT member_id) FROM review_cards WHERE updated_at < ?').pluck().get(Date.now() - 3600_000)).toBe(3);
      const presses = await practiceVsExamPress(app, dataset, 12);
      expect(presses.practice.n).toBe(12);
      expect(presses.exam.n).toBe(12);
      // Every exam press was recorded: two exams (a fresh one every ten presses), twelve answers.
      expect(app.store.db.prepare('SELECT count(*) FROM exam_questions WHERE choices IS NOT NULL').pluck().get()).toBe(12);
    } finally {
      app.close();
    }

    const charts = await chartRender(2, 1);
    expect(charts.all.n).toBe(8);
    expect(charts.cpu.n).toBe(8);
    for (const kind of ['reveal', 'last_30_days', 'readiness', 'exam_report']) expect(charts.bytes[kind]).toBeGreaterThan(1000);

    const e2e = await discordEndToEnd(dir, 4, 2);
    for (const kind of ['bot_slash', 'bot_press', 'floor_slash', 'floor_press', 'durable_slash', 'durable_press'] as const) {
      expect(e2e.byKind[kind].n).toBe(12);
      expect(e2e.byKind[kind].p99).toBeGreaterThan(0);
    }
    expect(e2e.sets).toHaveLength(3);
    // The durable floor really recorded every press at FULL durability: warm-up and timed ones.
    const durable = new Database(join(dir, 'durable-floor.db'), { readonly: true });
    expect(durable.prepare('SELECT count(*) FROM presses').pluck().get()).toBe(2 + 12);
    durable.close();

    const processes = await startupAndMemory(dbPath, dataset.bigGuildId, { startups: 1, memory: 1 });
    expect(processes.startupMs).toBeGreaterThan(0);
    expect(processes.rssMb).toBeGreaterThan(20);
    // The memory run drew a chart through the built bot: the renderer was loaded when RSS was read.
    expect(processes.chartDrawn).toBe(true);

    // 30 communities due at once through a fake Discord allowing 10 requests a second: every post made once.
    const top = await topOfHour(dir, 30, 10, 'started');
    expect(top.floorS).toBe(3);
    expect(top.lost).toBe(0);
    expect(top.duplicates).toBe(0);
    expect(top.lastPostS).toBeGreaterThan(0);
  }, 180_000);

  it('runs the calibration: simulated learners, estimates against their true chances', () => {
    const library = createLibrary(loadContent(defaultContentDir));
    const days = 20;
    const sim = simulate(library, 20, days, 7);
    expect(sim.learners.every((l) => l.history.length > 0)).toBe(true);
    expect(new Set(sim.learners.flatMap((l) => l.history.map((a) => a.kind)))).toEqual(new Set(['daily', 'practice', 'review', 'exam']));
    const r = evaluate(library, sim, Date.UTC(2026, 0, 5, 9) + days * 86_400_000);
    expect(r.bins).toHaveLength(10);
    expect(r.brier).toBeGreaterThanOrEqual(r.brierFloor);
    expect(r.shown).toBeGreaterThan(0);
  });
});
