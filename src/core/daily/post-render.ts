import type { QuizItem } from '../content/schema.js';
import type { Library } from '../library.js';
import { choiceKey, explanationLines, questionReply } from '../render/question.js';
import { reply, type Block, type Reply } from '../reply.js';
import type { Post } from '../../store/posts.js';
import { revealChart } from '../charts/reveal-chart.js';
import { formatLocal } from './local-format.js';

/** "No answers yet" / "1 answered so far" / "12 answered so far": a count, never who chose what. */
export function answeredLine(count: number): string {
  return count === 0 ? 'No answers yet: be the first.' : `${count} answered so far.`;
}

/** The public daily question while it is open. */
export function openPostReply(item: QuizItem, post: Post, library: Library, timeZone: string): Reply {
  const closes = post.closesAt === null ? '' : ` · closes ${formatLocal(post.closesAt, timeZone)}`;
  return questionReply(item, post, library, {
    visibility: 'public',
    header: `Daily quiz${closes}`,
    footer: `${answeredLine(post.answerCount)} Your answer and its explanation come to you privately; points are for being right, not fast.`,
  });
}

export interface RevealFacts {
  /** Display names of those right, first answer first; empty when the community shows counts only. */
  rightNames: string[];
  revealNames: boolean;
  /** Current streaks, longest first. */
  streakLeaders: { name: string; streak: number }[];
  /** How many answers chose each choice, by choice index: the reveal's chart. */
  choiceCounts: ReadonlyMap<number, number>;
}

const maxNames = 25;

/** The closed daily post: the answer, why, how the group did, and the streak leaders. */
export function revealReply(item: QuizItem, post: Post, library: Library, facts: RevealFacts): Reply {
  const question = questionReply(item, post, library, { visibility: 'public', header: 'Daily quiz · closed', closed: true });
  const answer = `${item.answer.length > 1 ? 'Answers' : 'Answer'}: ${item.answer.map((i) => `${choiceKey(i)}) ${item.choices[i]?.text ?? ''}`).join(' and ')}`;
  const explanation = explanationLines(item);
  const answered = post.answerCount;
  const share = answered === 0 ? 'Nobody answered this one.' : `${post.correctCount} of ${answered} got it right (${Math.round((100 * post.correctCount) / answered)}%).`;
  const lines = [share];
  if (facts.revealNames && facts.rightNames.length > 0) {
    const shown = facts.rightNames.slice(0, maxNames).join(', ');
    const more = facts.rightNames.length > maxNames ? ` and ${facts.rightNames.length - maxNames} more` : '';
    lines.push(`Right: ${shown}${more}.`);
  }
  const chart = revealChart({
    choices: item.choices.map((c, i) => ({ key: choiceKey(i), text: c.text, count: facts.choiceCounts.get(i) ?? 0 })),
    correct: item.answer,
    answered,
  });
  if (answered > 0) lines.push(`Per choice: ${perChoice(item, answered, facts.choiceCounts)}`);
  const leaders = facts.streakLeaders.map((l) => `${l.name} ${l.streak}`).join(' · ');
  if (leaders) lines.push(`Streak leaders: ${leaders}`);
  const blocks: Block[] = [
    ...question.blocks,
    { type: 'markdown', text: `**${answer}**` },
    { type: 'markdown', text: explanation.join('\n') },
    { type: 'fields', fields: [{ label: 'How the group did', value: lines.join('\n') }] },
    ...(answered > 0 ? [{ type: 'image' as const, ...chart }] : []),
    { type: 'context', text: `Source: ${item.source}` },
  ];
  return reply('public', blocks);
}

/** "A 56% (9, right) · B 25% (4) …": the chart's numbers in words, for the text and every platform. */
function perChoice(item: QuizItem, answered: number, counts: ReadonlyMap<number, number>): string {
  return item.choices
    .map((_, i) => {
      const n = counts.get(i) ?? 0;
      return `${choiceKey(i)} ${Math.round((100 * n) / answered)}% (${n}${item.answer.includes(i) ? ', right' : ''})`;
    })
    .join(' · ');
}
