import { encodeAction } from '../actions.js';
import type { QuizItem } from '../content/schema.js';
import { examReportChart } from '../charts/exam-report-chart.js';
import type { Library } from '../library.js';
import { passShare, scaledScore } from '../readiness/exam-scale.js';
import { choiceKey, explanationLines } from '../render/question.js';
import { reply, type Block, type Button, type Reply } from '../reply.js';
import { accuracy } from '../scoring.js';
import type { Exam, ExamQuestion } from '../../store/exams.js';

/**
 * Characters of missed questions per page. A worst-case miss (the longest question, five
 * choices with their reasons, the explanation) is about 3,100: one always fits under
 * Discord's 4,096-character description and, split in two sections, Slack's 3,000 per block.
 */
const pageBudget = 3500;

interface Miss {
  question: ExamQuestion;
  item: QuizItem;
}

/** Missed questions split into pages that fit a message on every platform. */
export function missPages(misses: readonly Miss[]): Miss[][] {
  const pages: Miss[][] = [];
  let size = 0;
  for (const miss of misses) {
    const cost = missBlocks(miss).reduce((n, b) => n + (b.type === 'markdown' ? b.text.length : 0), 0);
    const last = pages[pages.length - 1];
    if (last && size + cost <= pageBudget) {
      last.push(miss);
      size += cost;
    } else {
      pages.push([miss]);
      size = cost;
    }
  }
  return pages;
}

function missBlocks({ question, item }: Miss): Block[] {
  const chose = question.choices ? `You chose ${question.choices.map(choiceKey).join(' and ')}` : 'No answer';
  return [
    { type: 'markdown', text: `**Q${question.position + 1}. ${item.question}**\n${chose} · ${item.answer.length > 1 ? 'the answers are' : 'the answer is'} ${item.answer.map(choiceKey).join(' and ')}.` },
    { type: 'markdown', text: explanationLines(item, question.choices).join('\n') },
  ];
}

export interface ReportInput {
  exam: Exam;
  questions: readonly ExamQuestion[];
  library: Library;
  /** 0 is the summary; 1… the missed questions. */
  page: number;
  /** "Study next" blocks for the end of the summary. */
  studyNext: Block[];
}

/** The score report: a summary page, then pages of missed questions with every choice explained. */
export function reportView(input: ReportInput): Reply {
  const { exam, questions, library } = input;
  const misses = questions.flatMap((question) => {
    const item = library.item(question.itemId);
    return item && question.correct !== true ? [{ question, item }] : [];
  });
  const pages = missPages(misses);
  const page = Math.min(Math.max(input.page, 0), pages.length);
  const blocks = page === 0 ? summaryBlocks(input, misses.length, pages.length) : pageBlocks(pages[page - 1] ?? [], page, pages.length);
  const nav: Button[] = [];
  const to = (p: number): string => encodeAction({ type: 'exam', op: 'report', examId: exam.id, position: p });
  if (page > 1) nav.push({ id: to(page - 1), label: '◀ Previous misses' });
  if (page < pages.length) nav.push({ id: to(page + 1), label: page === 0 ? `Missed questions (${misses.length})` : 'Next misses ▶', style: 'primary' });
  if (page > 0) nav.push({ id: to(0), label: 'Summary' });
  if (nav.length > 0) blocks.push({ type: 'buttons', buttons: nav });
  return reply('ephemeral', blocks, { replace: true });
}

function summaryBlocks({ exam, questions, library, studyNext }: ReportInput, missed: number, pageCount: number): Block[] {
  const blueprint = library.exam;
  const right = questions.filter((q) => q.correct === true).length;
  // The same scale as readiness, so an exam and /readiness speak of one score.
  const score = scaledScore(right / Math.max(questions.length, 1), blueprint);
  const passed = score >= blueprint.score.pass;
  const submittedAt = exam.submittedAt ?? exam.deadline;
  const used = Math.min(submittedAt, exam.deadline) - exam.startedAt;
  const timedOut = submittedAt >= exam.deadline;
  const topics = library.groups.flatMap((g) =>
    g.topics.flatMap((t) => {
      const asked = questions.filter((q) => q.topicId === t.id);
      return asked.length === 0 ? [] : [{ title: t.title, right: asked.filter((q) => q.correct === true).length, total: asked.length }];
    }),
  );
  const rows = topics.map((t) => [t.title, `${t.right}/${t.total}`, accuracy(t.right, t.total)]);
  return [
    { type: 'heading', text: `Practice exam result · ${blueprint.code}` },
    {
      type: 'markdown',
      text: [
        `**${right} of ${questions.length} right (${accuracy(right, questions.length)})**`,
        `Estimated score: **${score}** on the ${blueprint.score.min}–${blueprint.score.max} scale; the pass mark is ${blueprint.score.pass}: ${passed ? 'at or above it' : 'below it'}.`,
        `Time used: ${minutesAndSeconds(used)} of ${minutesAndSeconds(exam.deadline - exam.startedAt)}${timedOut ? ' (time ran out: the exam submitted itself)' : ''}.`,
      ].join('\n'),
    },
    {
      type: 'context',
      text: `The score is an estimate: AWS scales its scores and does not publish how. Here ${Math.round(passShare * 100)}% right sits at the pass mark, linear on each side (as /readiness does).`,
    },
    { type: 'table', columns: ['Topic', 'Right', '%'], rows },
    { type: 'image', ...examReportChart({ score, pass: blueprint.score.pass, min: blueprint.score.min, max: blueprint.score.max, topics }) },
    {
      type: 'markdown',
      text:
        missed === 0
          ? 'No misses. Flagged questions you got right join your /review queue.'
          : `You missed ${missed} (unanswered count as missed): ${pageCount === 1 ? 'the next page has' : `${pageCount} pages have`} each with every choice explained. Misses, and flagged questions you got right, join your /review queue.`,
    },
    ...studyNext,
  ];
}

function pageBlocks(page: readonly Miss[], index: number, count: number): Block[] {
  return [{ type: 'context', text: `Missed questions · page ${index} of ${count}` }, ...page.flatMap(missBlocks)];
}

function minutesAndSeconds(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  const m = Math.floor(seconds / 60);
  return m > 0 ? `${m} min ${seconds % 60} s` : `${seconds} s`;
}
