import { answerAction, encodeAction } from '../actions.js';
import type { QuizItem } from '../content/schema.js';
import type { Library } from '../library.js';
import { reply, type Block, type Button, type Reply, type Visibility } from '../reply.js';
import type { Post } from '../../store/posts.js';
import { reportButton } from '../report-question.js';

export const choiceKey = (index: number): string => String.fromCharCode(65 + index);

const difficultyLabel = { easy: 'Easy', medium: 'Medium', hard: 'Hard' } as const;

export interface QuestionOptions {
  visibility: Visibility;
  /** A line above the question, e.g. "Daily quiz · closes in 23 h". */
  header: string;
  /** A line under the choices, e.g. "12 answered so far". */
  footer?: string;
  /** Leave the choices out: the post has closed. */
  closed?: boolean;
}

/** A quiz item as a question with answer buttons. */
export function questionReply(item: QuizItem, post: Post, library: Library, options: QuestionOptions): Reply {
  const topic = library.topic(item.topic);
  const pick = item.answer.length;
  const lines = item.choices.map((c, i) => `${choiceKey(i)}) ${c.text}`);
  const blocks: Block[] = [
    { type: 'context', text: `${options.header} · ${topic?.title ?? item.topic} · ${difficultyLabel[item.difficulty]}` },
    { type: 'markdown', text: `**${item.question}**` },
  ];
  // Open questions carry their choices in the choices block, which each adapter lays out
  // with its buttons; a closed one lists them as text.
  if (options.closed) blocks.push({ type: 'markdown', text: lines.join('\n') });
  else {
    blocks.push({
      type: 'choices',
      action: answerAction(post.id),
      pick,
      choices: item.choices.map((c, i) => ({ key: choiceKey(i), text: c.text })),
    });
  }
  blocks.push({ type: 'buttons', buttons: [reportButton(post.id)] });
  if (options.footer) blocks.push({ type: 'context', text: options.footer });
  return reply(options.visibility, blocks);
}

/** Every choice marked right or wrong with its reason, then the explanation and source. */
export function explanationLines(item: QuizItem, chosen?: readonly number[]): string[] {
  return [
    ...item.choices.map((c, i) => {
      const mark = c.correct ? '✅' : '❌';
      const you = chosen?.includes(i) ? ' (your answer)' : '';
      return `${mark} ${choiceKey(i)}) ${c.text}${you}: ${c.why}`;
    }),
    '',
    item.explanation,
  ];
}

export interface VerdictOptions {
  correct: boolean;
  chosen: readonly number[];
  /** Extra lines under the verdict: points, streak, review scheduling. */
  notes: string[];
  buttons: Button[];
  /** Set when this answer was not recorded because an earlier one counts. */
  alreadyAnswered?: boolean;
}

/** The private verdict after an answer. */
export function verdictReply(item: QuizItem, options: VerdictOptions): Reply {
  const chosenKeys = options.chosen.map(choiceKey).join(' and ');
  // A choose-two verdict names two choices: "B and D are correct".
  const answers = item.answer.length > 1 ? 'the answers are' : 'the answer is';
  const headline = options.alreadyAnswered
    ? `You already answered this one: you chose ${chosenKeys}, and that was ${options.correct ? 'right' : 'wrong'}. Your first answer is the one that counts.`
    : options.correct
      ? `✅ Right! ${chosenKeys} ${options.chosen.length > 1 ? 'are' : 'is'} correct.`
      : `❌ Not quite. You chose ${chosenKeys}; ${answers} ${item.answer.map(choiceKey).join(' and ')}.`;
  const detail = explanationLines(item, options.chosen);
  const blocks: Block[] = [
    { type: 'markdown', text: `**${headline}**` },
    { type: 'markdown', text: detail.join('\n') },
  ];
  if (options.notes.length > 0) blocks.push({ type: 'context', text: options.notes.join(' · ') });
  if (options.buttons.length > 0) blocks.push({ type: 'buttons', buttons: options.buttons });
  blocks.push({ type: 'context', text: `Source: ${item.source}` });
  return reply('ephemeral', blocks);
}

export const anotherQuestionButton = (topicId: string): Button => ({
  id: encodeAction({ type: 'quiz', topicId }),
  label: 'Another question',
  style: 'primary',
});
