import { memberReadiness } from '../readiness/member-readiness.js';
import { studyNext } from '../readiness/study-next.js';
import { notice } from '../reply.js';
import { accuracy } from '../scoring.js';
import { dayKey } from '../time.js';
import type { Command } from './spec.js';

export const statsCommand: Command = {
  spec: { name: 'stats', description: 'Your points, accuracy per topic, streaks and review queue', usage: '/stats', visibility: 'ephemeral', options: [] },
  run({ deps, caller, community }) {
    const member = community && deps.store.communities.findMember(community.id, caller.userId);
    if (!community || !member) return notice('No answers yet. Try /quiz for a practice question, or answer the daily quiz in your channel.');
    const now = deps.clock.now();
    const all = deps.store.scores.standing(community.id, member.id, 'all');
    const topics = deps.store.answers.accuracyByTopic(member.id);
    const answered = topics.reduce((n, t) => n + t.answered, 0);
    const correct = topics.reduce((n, t) => n + t.correct, 0);
    const streak = deps.streaks.current(member, dayKey(now, community.timeZone));
    const due = deps.store.reviews.dueCount(member.id, now);
    const summary = [
      { label: 'Points', value: `${all?.points ?? 0}${all ? ` (rank #${all.rank})` : ''}` },
      { label: 'Answers', value: `${answered} (${accuracy(correct, answered)} right)` },
      { label: 'Streak', value: `${streak} now, best ${member.streakBest}` },
      { label: 'Review', value: `${due} due` },
    ];
    const perTopic = topics.map((t) => `- ${deps.library.topic(t.topicId)?.title ?? t.topicId}: ${t.correct}/${t.answered} (${accuracy(t.correct, t.answered)})`);
    const next = studyNext(deps.library, memberReadiness(deps, community, member.id));
    const text = [`Stats for ${member.displayName}`, ...summary.map((f) => `${f.label}: ${f.value}`), 'Accuracy per topic:', ...perTopic, '', next.text].join('\n');
    return {
      visibility: 'ephemeral',
      text,
      blocks: [
        { type: 'heading', text: `Stats for ${member.displayName}` },
        { type: 'fields', fields: summary },
        { type: 'fields', fields: [{ label: 'Accuracy per topic', value: perTopic.join('\n') || 'No answers yet.' }] },
        ...next.blocks,
        { type: 'context', text: 'Points and streaks come from the daily quiz and count when each question closes; accuracy counts practice too.' },
      ],
    };
  },
};
