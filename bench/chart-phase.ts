import type { FakeDiscord, FakeGuildHandle, FakeMember } from '../tests/fakes/fake-discord.js';
import { renderPng } from '../src/adapters/chart-png.js';
import { activityChart } from '../src/core/charts/activity-chart.js';
import { examReportChart } from '../src/core/charts/exam-report-chart.js';
import { readinessChart } from '../src/core/charts/readiness-chart.js';
import { revealChart } from '../src/core/charts/reveal-chart.js';
import type { Chart } from '../src/core/charts/svg.js';
import { nowMs, summarize, type Summary } from './measure.js';

/** Each chart the bot draws, at a realistic size: what one member or one reveal asks for. */
const charts: Record<string, () => Chart> = {
  reveal: () => revealChart({ choices: ['AWS Fargate', 'AWS Lambda', 'Amazon EC2 Spot', 'AWS Batch', 'Amazon Lightsail'].map((text, i) => ({ key: 'ABCDE'[i]!, text, count: 37 - 7 * i })), correct: [0, 3], answered: 90 }),
  last_30_days: () => activityChart(Array.from({ length: 30 }, (_, i) => ({ day: `2026-11-${String(i + 1).padStart(2, '0')}`, answered: (i * 7) % 9, correct: (i * 5) % 5 }))),
  readiness: () => readinessChart(Array.from({ length: 10 }, (_, i) => ({ title: `Topic number ${i + 1}`, readiness: i === 4 ? undefined : 0.3 + 0.06 * i })), 0.7),
  exam_report: () => examReportChart({ score: 742, pass: 700, min: 100, max: 1000, topics: Array.from({ length: 8 }, (_, i) => ({ title: `Topic group ${i + 1}`, right: i + 1, total: 9 })) }),
};

/** This process's CPU time in ms (user + system): what a draw costs whatever else the machine runs. */
const cpuMs = (): number => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

/**
 * Drawing one chart end to end, as an adapter does before sending it: the SVG built in the
 * core and drawn to PNG by resvg with the shipped font, in the chart worker thread (the wait
 * for its answer included; a worker is replaced every few charts, see chart-png.ts). Rounds
 * take the kinds in turn, so a noisy moment falls on all of them; untimed warm-up rounds go
 * first. Beside the wall time it keeps each draw's CPU time (every thread of this process):
 * on a machine shared with other work, that is what the draw itself costs.
 */
export async function chartRender(rounds: number, warmup = 5): Promise<{ all: Summary; cpu: Summary; byKind: Record<string, Summary>; bytes: Record<string, number> }> {
  const kinds = Object.keys(charts);
  const draw = (kind: string): Promise<Uint8Array> => renderPng(charts[kind]!().svg);
  for (let i = 0; i < warmup; i++) for (const kind of kinds) await draw(kind);
  const samples = new Map<string, number[]>(kinds.map((k) => [k, []]));
  const cpu: number[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const kind of kinds) {
      const [wallBefore, cpuBefore] = [nowMs(), cpuMs()];
      await draw(kind);
      samples.get(kind)!.push(nowMs() - wallBefore);
      cpu.push(cpuMs() - cpuBefore);
    }
  }
  const byKind = Object.fromEntries(kinds.map((k) => [k, summarize(samples.get(k)!)]));
  const bytes: Record<string, number> = {};
  for (const kind of kinds) bytes[kind] = (await draw(kind)).byteLength;
  return { all: summarize([...samples.values()].flat()), cpu: summarize(cpu), byKind, bytes };
}

/**
 * The memory phase's chart: a practice answer today, then /stats, whose reply carries the
 * member's last 30 days as an attachment. True once that attachment arrived, so the bot's
 * resident set is measured with the renderer loaded and used.
 */
export async function drawChart(discord: FakeDiscord, guild: FakeGuildHandle, member: FakeMember): Promise<boolean> {
  const quiz = await discord.slashCommand({ guild, channel: guild.channels.general, member, name: 'quiz' }).reply();
  const press = quiz.select ? { customId: quiz.select.customId, values: ['0', '1'] } : { customId: quiz.buttons[0]?.customId ?? '' };
  await discord.press({ member, messageId: quiz.id, ...press }).reply();
  const stats = await discord.slashCommand({ guild, channel: guild.channels.general, member, name: 'stats' }).reply();
  return Array.isArray(stats.raw.attachments) && stats.raw.attachments.length > 0;
}
