import { memberReadiness } from '../readiness/member-readiness.js';
import { readinessImage } from '../readiness/member-reply.js';
import { studyNext } from '../readiness/study-next.js';
import { activityChart } from '../charts/activity-chart.js';
import { lastDays, lastDaysSince } from '../charts/last-days.js';
import { plural } from '../charts/svg.js';
import { notice, reply } from '../reply.js';
import { accuracy } from '../scoring.js';
import { dayKey } from '../time.js';
import type { TopicAccuracy } from '../../store/answers.js';
import type { Command } from './spec.js';

const chartDays = 30;

export const statsCommand: Command = {
  spec: { name: 'stats', description: 'Your points, accuracy per topic, streaks and review queue', usage: '/stats', visibility: 'ephemeral', options: [] },
  run({ deps, caller, community }) {
    const member = community && deps.store.communities.findMember(community.id, caller.userId);
    if (!community || !member) return notice('No answers yet. Try /quiz for a practice question, or answer the daily quiz in your channel.');
    const now = deps.clock.now();
    const all = deps.store.scores.standing(community.id, member.id, 'all');
    // Practice exams count toward accuracy as any other answer does (never toward points).
    const topics = mergeTopics(deps.store.answers.accuracyByTopic(member.id), deps.store.exams.accuracyByTopic(community.id, member.id));
    const answered = topics.reduce((n, t) => n + t.answered, 0);
    const correct = topics.reduce((n, t) => n + t.correct, 0);
    const streak = deps.streaks.current(member, dayKey(now, community.timeZone));
    const due = deps.store.reviews.dueCount(member.id, now);
    const days = lastDays(deps.store.answers.answersSince(member.id, lastDaysSince(now, chartDays)), now, community.timeZone, chartDays);
    const recent = days.reduce((n, d) => n + d.answered, 0);
    const recentRight = days.reduce((n, d) => n + d.correct, 0);
    const chart = activityChart(days);
    const summary = [
      { label: 'Points', value: `${all?.points ?? 0}${all ? ` (rank #${all.rank})` : ''}` },
      { label: 'Answers', value: `${answered} (${accuracy(correct, answered)} right)` },
      { label: 'Streak', value: `${streak} now, best ${member.streakBest}` },
      { label: 'Review', value: `${due} due` },
      { label: 'Last 30 days', value: `${plural(recent, 'answer')} (${accuracy(recentRight, recent)} right), on ${plural(days.filter((d) => d.answered > 0).length, 'day')}` },
    ];
    const perTopic = topics.map((t) => `- ${deps.library.topic(t.topicId)?.title ?? t.topicId}: ${t.correct}/${t.answered} (${accuracy(t.correct, t.answered)})`);
    const estimate = memberReadiness(deps, community, member.id);
    return reply('ephemeral', [
      { type: 'heading', text: `Stats for ${member.displayName}` },
      { type: 'fields', fields: summary },
      { type: 'fields', fields: [{ label: 'Accuracy per topic', value: perTopic.join('\n') || 'No answers yet.' }] },
      ...(recent > 0 ? [{ type: 'image' as const, ...chart }] : []),
      ...readinessImage(deps.library, estimate),
      ...studyNext(deps.library, estimate),
      { type: 'context', text: 'Points and streaks come from the daily quiz and count when each question closes; accuracy counts practice and practice exams too.' },
    ]);
  },
};

function mergeTopics(...lists: TopicAccuracy[][]): TopicAccuracy[] {
  const byTopic = new Map<string, TopicAccuracy>();
  for (const t of lists.flat()) {
    const seen = byTopic.get(t.topicId);
    byTopic.set(t.topicId, seen ? { topicId: t.topicId, answered: seen.answered + t.answered, correct: seen.correct + t.correct } : t);
  }
  return [...byTopic.values()].sort((a, b) => a.topicId.localeCompare(b.topicId));
}
