import type { Library } from '../library.js';
import { reply, type Reply } from '../reply.js';
import { percent } from './exam-scale.js';
import { activeDays, minGroup, type GroupReadiness } from './group-readiness.js';
import { estimateNote } from './member-reply.js';

const heading = 'Group readiness';

/** The group's readiness without a single name: shares, counts and topics only. */
export function groupReadinessReply(library: Library, group: GroupReadiness): Reply {
  if (group.active < minGroup) {
    const text = `Fewer than ${minGroup} members have answered anything in the last ${activeDays} days, so there is no group figure yet: with so few, anyone could read off someone else's result. Answer the daily quiz or try /quiz, then ask again.`;
    return reply('ephemeral', [{ type: 'heading', text: heading }, { type: 'markdown', text }]);
  }
  const title = (id: string): string => library.topic(id)?.title ?? id;
  const above = group.withFigure === 0 ? 'no one has enough answers for a figure yet' : `${percent(group.abovePass / group.withFigure)} (${group.abovePass} of ${group.withFigure} with enough answers)`;
  const fields = [
    { label: `Active (answered in the last ${activeDays} days)`, value: String(group.active) },
    { label: 'Above the pass line', value: above },
    { label: 'Too few answers for a figure', value: String(group.estimated - group.withFigure) },
  ];
  const weakest = [...group.topics].sort((a, b) => a.chance - b.chance).slice(0, 3).map((t) => `${title(t.topicId)} (${percent(t.chance)})`);
  const rows = group.topics.map((t) => [title(t.topicId), percent(t.share), percent(t.chance)]);
  const sample = group.estimated < group.active ? ` Estimated from ${group.estimated} of the ${group.active} active members, spread evenly.` : '';
  const note = `Names nobody: counts and averages over active members only.${sample} ${estimateNote(library.exam)}`;
  const weakLine = `Weakest topics: ${weakest.join(', ')}`;
  return reply('ephemeral', [
    { type: 'heading', text: heading },
    { type: 'fields', fields },
    { type: 'markdown', text: `**${weakLine}**` },
    { type: 'table', columns: ['Topic', 'Exam share', 'Group average'], rows },
    { type: 'context', text: note },
  ]);
}
