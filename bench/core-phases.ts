import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { App } from '../src/app.js';
import type { Caller } from '../src/core/commands/spec.js';
import type { Period } from '../src/core/time.js';
import { periodKey } from '../src/core/time.js';
import { lookupQueries } from '../tests/support/lookup-queries.js';
import type { Dataset } from './dataset.js';
import { nowMs, progress, summarize, timeEach, type Summary } from './measure.js';

const bigCaller = (dataset: Dataset, user: string): Caller => ({
  community: { platform: 'discord', externalId: dataset.bigGuildId, name: 'Big study guild' },
  userId: user,
  displayName: user,
  isAdmin: false,
});

/**
 * Single-row autocommit inserts into a WAL database, each its own commit (and, at FULL, its
 * own fsync): printed beside the burst for reference; the burst's ratio is taken against the
 * batched baseline in burst-phase.ts, which commits the way the bot does.
 */
export function rawInsertRate(dir: string, n: number, synchronous: 'FULL' | 'NORMAL' = 'FULL'): number {
  const db = new Database(join(dir, `raw-${synchronous}.db`));
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${synchronous}`);
  db.exec('CREATE TABLE raw (id INTEGER PRIMARY KEY, post_id INTEGER, member_id INTEGER, choice TEXT, at INTEGER)');
  const insert = db.prepare('INSERT INTO raw (post_id, member_id, choice, at) VALUES (?, ?, ?, ?)');
  const start = nowMs();
  for (let i = 0; i < n; i++) insert.run(1, i, '0', Date.now());
  const rate = n / ((nowMs() - start) / 1000);
  db.close();
  return rate;
}

/** The close of that post: its answers reach scores, streaks and review queues in one go. */
export async function closeBurstPost(app: App, dataset: Dataset): Promise<number> {
  app.store.db.prepare("UPDATE posts SET status = 'closed', closes_at = ? WHERE id = ?").run(app.clock.now(), dataset.openPostId);
  const start = nowMs();
  await app.daily.tick();
  const ms = nowMs() - start;
  const scored = app.store.db.prepare('SELECT scored_at FROM posts WHERE id = ?').pluck().get(dataset.openPostId);
  if (scored === null) throw new Error('the burst post was not scored at its close');
  return ms;
}

/** /leaderboard for random members, each period: top 10 plus the caller's rank. */
export async function leaderboardLatency(app: App, dataset: Dataset, perPeriod: number): Promise<Record<Period, Summary> & { all_periods: Summary }> {
  const out = {} as Record<Period, Summary>;
  const every: number[] = [];
  for (const period of ['week', 'month', 'all'] as const) {
    const samples: number[] = [];
    for (let i = 0; i < perPeriod; i++) {
      const user = `u${(i * 7919) % 100_000}`;
      const start = nowMs();
      const reply = await app.bot.handle(bigCaller(dataset, user), { type: 'command', name: 'leaderboard', args: { period } });
      samples.push(nowMs() - start);
      if (i === 0 && !reply.blocks.some((b) => b.type === 'table')) throw new Error(`leaderboard ${period} returned no table: ${reply.text}`);
    }
    out[period] = summarize(samples);
    every.push(...samples);
  }
  return { ...out, all_periods: summarize(every) };
}

/** The naive way: GROUP BY over every answer of the period, then the caller's rank. */
export function naiveLeaderboardLatency(app: App, dataset: Dataset, perPeriod: number): Summary {
  const db = app.store.db;
  const community = app.store.communities.find(bigCaller(dataset, 'x').community)!;
  const top = db.prepare(
    `SELECT a.member_id, sum(a.points) AS points, count(*) AS answered, sum(a.correct) AS correct
     FROM answers a JOIN posts p ON p.id = a.post_id
     WHERE a.community_id = ? AND a.kind = 'daily' AND p.local_day >= ?
     GROUP BY a.member_id ORDER BY points DESC LIMIT 10`,
  );
  const mine = db.prepare(
    `WITH totals AS (SELECT a.member_id, sum(a.points) AS points FROM answers a JOIN posts p ON p.id = a.post_id
                     WHERE a.community_id = ? AND a.kind = 'daily' AND p.local_day >= ? GROUP BY a.member_id)
     SELECT 1 + (SELECT count(*) FROM totals WHERE points > t.points) FROM totals t WHERE t.member_id = ?`,
  );
  const now = app.clock.now();
  const samples: number[] = [];
  for (const period of ['week', 'month', 'all'] as const) {
    const key = periodKey(period, now, community.timeZone);
    const since = key === 'all' ? '0000-00-00' : key.slice(2).length === 7 ? `${key.slice(2)}-01` : key.slice(2);
    samples.push(...timeEach(perPeriod, (i) => {
      top.all(community.id, since);
      mine.get(community.id, since, 1 + i);
    }));
  }
  return summarize(samples);
}

/** /explain over the whole lookup query table, in the core. */
export async function explainLatency(app: App, rounds: number): Promise<Summary> {
  const caller: Caller = { community: { platform: 'terminal', externalId: 'bench' }, userId: 'b', displayName: 'b', isAdmin: false };
  const samples: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const [query] of lookupQueries) {
      const start = nowMs();
      await app.bot.handle(caller, { type: 'command', name: 'explain', args: { topic: query } });
      samples.push(nowMs() - start);
    }
  }
  progress(`explain: ${lookupQueries.length} queries × ${rounds} rounds`);
  return summarize(samples);
}

/**
 * /readiness for members who have review cards, spread over the big community, in `sets`
 * rounds; the round with the middle p99 is reported, so one burst of noise from elsewhere on
 * the machine does not decide. Each call is timed on the wall clock and in CPU time (this
 * process's user + system time): on a shared machine the wall clock also counts the time
 * other processes held the CPU, which the CPU time leaves out. Then the group view, once.
 */
export async function readinessLatency(app: App, dataset: Dataset, sets: number): Promise<{ member: Summary; cpu: Summary; groupMs: number }> {
  const rounds: { wall: Summary; cpu: Summary }[] = [];
  for (let r = 0; r < sets; r++) {
    const wall: number[] = [];
    const cpu: number[] = [];
    for (const user of dataset.carded) {
      const start = nowMs();
      const cpuStart = process.cpuUsage();
      const reply = await app.bot.handle(bigCaller(dataset, user), { type: 'command', name: 'readiness', args: {} });
      const used = process.cpuUsage(cpuStart);
      wall.push(nowMs() - start);
      cpu.push((used.user + used.system) / 1000);
      if (!reply.text.startsWith('Readiness for')) throw new Error(`readiness gave no estimate: ${reply.text}`);
    }
    rounds.push({ wall: summarize(wall), cpu: summarize(cpu) });
  }
  const start = nowMs();
  const group = await app.bot.handle(bigCaller(dataset, dataset.carded[0]!), { type: 'command', name: 'readiness', args: { scope: 'group' } });
  const groupMs = nowMs() - start;
  if (!group.text.startsWith('Group readiness')) throw new Error(`no group readiness: ${group.text}`);
  const middle = (key: 'wall' | 'cpu'): Summary => rounds.map((x) => x[key]).sort((a, b) => a.p99 - b.p99)[Math.floor((rounds.length - 1) / 2)]!;
  return { member: middle('wall'), cpu: middle('cpu'), groupMs };
}

/** The readiness phase's keys in bench/results.json. */
export function readinessFigures(r: Awaited<ReturnType<typeof readinessLatency>>, loadAverage: number) {
  const round3 = (n: number): number => Number(n.toFixed(3));
  return {
    readiness_p50_ms: round3(r.member.p50),
    readiness_p99_ms: round3(r.member.p99),
    readiness_cpu_p50_ms: round3(r.cpu.p50),
    readiness_cpu_p99_ms: round3(r.cpu.p99),
    readiness_group_ms: Number(r.groupMs.toFixed(1)),
    readiness_load_average: loadAverage,
  };
}

/**
 * A practice answer against an exam press, each on a member of the big community with a
 * history: /quiz then its answer, and /exam then answers to its questions. Only the press is
 * timed. Both sides take turns, so a noisy moment falls on both.
 */
export async function practiceVsExamPress(app: App, dataset: Dataset, presses: number): Promise<{ practice: Summary; exam: Summary }> {
  const practice: number[] = [];
  const exam: number[] = [];
  const perExam = 10;
  for (let i = 0; i < presses; i++) {
    const who = bigCaller(dataset, `u${(i * 7919 + 13) % dataset.freshMembers.length}`);
    const question = await app.bot.handle(who, { type: 'command', name: 'quiz', args: {} });
    const choices = question.blocks.find((b) => b.type === 'choices');
    if (!choices || choices.type !== 'choices') throw new Error(`/quiz asked no question: ${question.text}`);
    const pick = Array.from({ length: choices.pick }, (_, k) => k).join('+');
    let start = nowMs();
    await app.bot.handle(who, { type: 'action', id: `${choices.action}:${pick}` });
    practice.push(nowMs() - start);

    // A fresh exam every perExam presses, answered question by question.
    const examer = bigCaller(dataset, `exam${Math.floor(i / perExam)}`);
    const view = await app.bot.handle(examer, { type: 'command', name: 'exam', args: { questions: String(perExam) } });
    const shown = view.blocks.find((b) => b.type === 'choices');
    if (!shown || shown.type !== 'choices' || !shown.action.startsWith('xa:')) throw new Error(`/exam showed no question: ${view.text}`);
    start = nowMs();
    await app.bot.handle(examer, { type: 'action', id: `${shown.action}:${Array.from({ length: shown.pick }, (_, k) => k).join('+')}` });
    exam.push(nowMs() - start);
  }
  progress(`practice answer vs exam press: ${presses} each`);
  return { practice: summarize(practice), exam: summarize(exam) };
}
