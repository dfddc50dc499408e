import { encodeAction, examAnswerAction } from '../actions.js';
import type { QuizItem } from '../content/schema.js';
import { choiceKey } from '../render/question.js';
import { reply, type Block, type Button, type Reply } from '../reply.js';
import { formatDuration } from '../time.js';
import type { Exam, ExamQuestion } from '../../store/exams.js';

/** Where the exam stands: shown under every question. */
export function progressLine(exam: Exam, questions: readonly ExamQuestion[], now: number): string {
  const answered = questions.filter((q) => q.choices).length;
  const flagged = questions.filter((q) => q.flagged).length;
  return `Answered ${answered} of ${questions.length} · Flagged ${flagged} · ${formatDuration(exam.deadline - now)} left`;
}

/** The first question after `position` (wrapping round) that matches, other than `position` itself. */
export function nextWhere(questions: readonly ExamQuestion[], position: number, match: (q: ExamQuestion) => boolean): number | undefined {
  for (let step = 1; step < questions.length; step++) {
    const q = questions[(position + step) % questions.length];
    if (q && match(q)) return q.position;
  }
  return undefined;
}

/**
 * One question of an exam in progress, as the exam shows it: no verdict, the member's
 * current choice marked, a progress line, and buttons to move, flag, jump and submit.
 */
export function questionView(exam: Exam, questions: readonly ExamQuestion[], position: number, item: QuizItem, now: number, note?: string): Reply {
  const q = questions[position];
  const n = questions.length;
  const go = (to: number): string => encodeAction({ type: 'exam', op: 'go', examId: exam.id, position: to });
  const header = `Practice exam · Question ${position + 1} of ${n}${q?.flagged ? ' · 🚩 flagged' : ''}`;
  const progress = progressLine(exam, questions, now);
  const buttons: Button[] = [];
  // A jump to where Back or Next already goes would repeat a button id, which platforms refuse.
  const add = (button: Button): void => {
    if (!buttons.some((b) => b.id === button.id)) buttons.push(button);
  };
  if (position > 0) buttons.push({ id: go(position - 1), label: '◀ Back' });
  if (position < n - 1) buttons.push({ id: go(position + 1), label: 'Next ▶', style: 'primary' });
  buttons.push({ id: encodeAction({ type: 'exam', op: 'flag', examId: exam.id, position }), label: q?.flagged ? 'Unflag' : '🚩 Flag' });
  const unanswered = nextWhere(questions, position, (x) => !x.choices);
  if (unanswered !== undefined) add({ id: go(unanswered), label: `Next unanswered (Q${unanswered + 1})` });
  const flagged = nextWhere(questions, position, (x) => x.flagged);
  if (flagged !== undefined) add({ id: go(flagged), label: `Next flagged (Q${flagged + 1})` });
  buttons.push({ id: encodeAction({ type: 'exam', op: 'submit', examId: exam.id }), label: 'Submit exam' });

  const pick = item.answer.length;
  const chosen = q?.choices ?? [];
  const blocks: Block[] = [];
  if (note) blocks.push({ type: 'markdown', text: note });
  blocks.push(
    { type: 'context', text: header },
    { type: 'markdown', text: `**${item.question}**` },
    { type: 'choices', action: examAnswerAction(exam.id, position), pick, choices: item.choices.map((c, i) => ({ key: choiceKey(i), text: c.text })), selected: chosen },
    { type: 'context', text: `${chosen.length > 0 ? `Your answer: ${chosen.map(choiceKey).join(' and ')} (you can change it)` : pick > 1 ? 'Choose two.' : 'Choose one.'} · ${progress}` },
    { type: 'buttons', buttons },
  );
  return reply('ephemeral', blocks, { replace: true });
}

/** Before submitting with questions unanswered: say how many, and offer to go back to them. */
export function confirmView(exam: Exam, questions: readonly ExamQuestion[], now: number): Reply {
  const open = questions.filter((q) => !q.choices);
  const first = open[0]?.position ?? 0;
  const text = `${open.length} of ${questions.length} questions are unanswered (${open.map((q) => `Q${q.position + 1}`).join(', ')}). An unanswered question counts as wrong. Submit anyway?`;
  return reply(
    'ephemeral',
    [
      { type: 'markdown', text: `**${text}**` },
      { type: 'context', text: progressLine(exam, questions, now) },
      {
        type: 'buttons',
        buttons: [
          { id: encodeAction({ type: 'exam', op: 'go', examId: exam.id, position: first }), label: `Back to Q${first + 1}`, style: 'primary' },
          { id: encodeAction({ type: 'exam', op: 'confirm', examId: exam.id }), label: 'Submit now' },
        ],
      },
    ],
    { replace: true },
  );
}
