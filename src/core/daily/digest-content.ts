import { digestChart } from '../charts/digest-chart.js';
import type { Library } from '../library.js';
import { groupReadiness, minGroup } from '../readiness/group-readiness.js';
import { passShare } from '../readiness/exam-scale.js';
import type { ReadinessDeps } from '../readiness/member-readiness.js';
import { reply, type Block, type Reply } from '../reply.js';
import type { Streaks } from '../streaks.js';
import type { DigestChannel, MemberWeek } from '../../store/digests.js';
import { percent } from '../charts/svg.js';
import type { DigestWeek } from './digest-week.js';
import { addDays } from './schedule-times.js';

/** A question is "the hardest of the week" only with at least this many answers. */
export const hardestMinAnswers = 3;
/** "Most improved" compares weeks in which the member gave at least this many answers in the channel. */
export const improvedMinAnswers = 3;
const listed = 3;

export interface DigestContentDeps extends ReadinessDeps {
  streaks: Streaks;
}

export interface Improvement {
  name: string;
  before: number;
  after: number;
}

/** Members whose share right rose from last week to this one, both weeks with enough answers, largest rise first. */
export function mostImproved(lastWeek: readonly MemberWeek[], thisWeek: readonly MemberWeek[]): Improvement[] {
  const before = new Map(lastWeek.filter((m) => m.answers >= improvedMinAnswers).map((m) => [m.memberId, m.right / m.answers]));
  return thisWeek
    .flatMap((m) => {
      const was = before.get(m.memberId);
      return was === undefined || m.answers < improvedMinAnswers || m.right / m.answers <= was ? [] : [{ name: m.displayName, before: was, after: m.right / m.answers }];
    })
    .sort((a, b) => b.after - b.before - (a.after - a.before) || a.name.localeCompare(b.name))
    .slice(0, listed);
}

const pct = (n: number): string => `${Math.round(100 * n)}%`;
const questions = (n: number): string => `${n} daily question${n === 1 ? '' : 's'}`;

/** The weekly digest of one channel: the week's figures, the group's readiness (naming nobody), the hardest question, streaks and the most improved. */
export function digestReply(deps: DigestContentDeps, channel: DigestChannel, week: DigestWeek): Reply {
  const { store, library } = deps;
  const totals = store.digests.totals(channel.scheduleId, week.from, week.to);
  const title = `Weekly digest: ${week.from} to ${week.to}`;
  const weekLine = totals.answers === 0 ? `No answers on ${questions(totals.posts)} this week.` : `${totals.answers} answers on ${questions(totals.posts)}, ${percent(totals.right, totals.answers)}% right (${totals.right} of ${totals.answers}).`;
  const community = store.communities.get(channel.communityId);
  const group = community ? groupReadiness(deps, community) : undefined;
  const topics = group && group.active >= minGroup ? group.topics.map((t) => ({ title: library.topic(t.topicId)?.title ?? t.topicId, chance: t.chance })) : [];
  const readinessLine = !group || topics.length === 0
    ? `Group readiness: too few active members for a figure (it names nobody, so it needs at least ${minGroup}).`
    : `Group readiness: ${group.withFigure === 0 ? 'no one has enough answers for a figure yet' : `${group.abovePass} of ${group.withFigure} members with a figure are above the pass line`}. Weakest topics: ${[...topics].sort((a, b) => a.chance - b.chance).slice(0, listed).map((t) => `${t.title} (${pct(t.chance)})`).join(', ')}.`;
  const sections = [weekLine, readinessLine, hardestLine(deps, library, channel, week), streakLine(deps, channel, week), improvedLine(deps, channel, week)];
  const chart = digestChart({ weekLabel: `${week.from} to ${week.to}`, answers: totals.answers, right: totals.right, topics, passLine: passShare });
  const perTopic = topics.length === 0 ? [] : [`Per topic (group average): ${topics.map((t) => `${t.title} ${pct(t.chance)}`).join(', ')}.`];
  const blocks: Block[] = [{ type: 'heading', text: title }, ...sections.map((text): Block => ({ type: 'markdown', text })), { type: 'image', ...chart }, ...perTopic.map((text): Block => ({ type: 'context', text }))];
  return reply('public', blocks);
}

function hardestLine(deps: DigestContentDeps, library: Library, channel: DigestChannel, week: DigestWeek): string {
  const hardest = deps.store.digests.hardest(channel.scheduleId, week.from, week.to, hardestMinAnswers);
  const item = hardest && library.item(hardest.itemId);
  if (!hardest || !item) return `Hardest question: none this week had ${hardestMinAnswers} or more answers.`;
  const question = item.question.length > 160 ? `${item.question.slice(0, 157)}…` : item.question;
  return `Hardest question (${hardest.localDay}): "${question}" ${hardest.right} of ${hardest.answers} right (${percent(hardest.right, hardest.answers)}%).`;
}

function streakLine(deps: DigestContentDeps, channel: DigestChannel, week: DigestWeek): string {
  const leaders = deps.store.dailyReads
    .streakLeaders(channel.communityId, listed * 4)
    .map((m) => ({ name: m.displayName, streak: deps.streaks.current(m, week.week) }))
    .filter((l) => l.streak > 0)
    .sort((a, b) => b.streak - a.streak || a.name.localeCompare(b.name))
    .slice(0, listed);
  return leaders.length === 0 ? 'Longest streaks: nobody has a streak going.' : `Longest streaks: ${leaders.map((l) => `${l.name} ${l.streak} day${l.streak === 1 ? '' : 's'}`).join(', ')}.`;
}

function improvedLine(deps: DigestContentDeps, channel: DigestChannel, week: DigestWeek): string {
  const { digests } = deps.store;
  const improved = mostImproved(digests.members(channel.scheduleId, addDays(week.from, -7), addDays(week.from, -1)), digests.members(channel.scheduleId, week.from, week.to));
  if (improved.length === 0) return `Most improved: nobody rose this week (share right against last week, ${improvedMinAnswers} or more answers in each).`;
  return `Most improved (share right against last week, ${improvedMinAnswers}+ answers in each): ${improved.map((m) => `${m.name} ${pct(m.before)} → ${pct(m.after)}`).join(', ')}.`;
}
