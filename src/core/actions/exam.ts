import { encodeChoices, parseChoices, parseId, type ActionDef } from './action.js';

/** A press on a practice exam: each carries the exam and, where it matters, the question's position. */
export type ExamAction =
  | { type: 'exam'; op: 'answer'; examId: number; position: number; choices: number[] }
  | { type: 'exam'; op: 'go' | 'flag' | 'report'; examId: number; position: number }
  | { type: 'exam'; op: 'submit' | 'confirm'; examId: number };

const ops = { xa: 'answer', xg: 'go', xf: 'flag', xr: 'report', xs: 'submit', xc: 'confirm' } as const;
type ExamPrefix = keyof typeof ops;
const prefixOf = Object.fromEntries(Object.entries(ops).map(([k, op]) => [op, k])) as Record<ExamAction['op'], ExamPrefix>;

/** The id an exam question's choices block carries; a press appends the chosen indexes. */
export const examAnswerBlockAction = (examId: number, position: number): string => `${prefixOf.answer}:${examId}:${position}`;

function parseExam(op: ExamAction['op'], [exam, at, ...rest]: readonly string[]): ExamAction | undefined {
  const examId = parseId(exam);
  if (examId === undefined) return undefined;
  if (op === 'submit' || op === 'confirm') return at === undefined ? { type: 'exam', op, examId } : undefined;
  const position = at !== undefined && /^(0|[1-9]\d{0,2})$/.test(at) ? Number(at) : undefined;
  if (position === undefined) return undefined;
  if (op !== 'answer') return rest.length === 0 ? { type: 'exam', op, examId, position } : undefined;
  const choices = parseChoices(rest.length === 1 ? rest[0] : undefined);
  return choices && { type: 'exam', op, examId, position, choices };
}

export const exam: ActionDef<ExamAction> = {
  type: 'exam',
  prefixes: Object.keys(ops),
  parse: (prefix, parts) => (Object.hasOwn(ops, prefix) ? parseExam(ops[prefix as ExamPrefix], parts) : undefined),
  encode(a) {
    if (a.op === 'answer') return `${examAnswerBlockAction(a.examId, a.position)}:${encodeChoices(a.choices)}`;
    return 'position' in a ? `${prefixOf[a.op]}:${a.examId}:${a.position}` : `${prefixOf[a.op]}:${a.examId}`;
  },
  run(a, { ctx }) {
    const member = ctx.community && ctx.deps.store.communities.findMember(ctx.community.id, ctx.caller.userId);
    return ctx.deps.exams.press(ctx.community, member, a);
  },
};
