/**
 * Action ids: what a button carries. They are parsed, never trusted: every id is checked
 * against the community of the interaction that pressed it.
 */
export type Action =
  | { type: 'answer'; postId: number; choices: number[] }
  | { type: 'explain'; topicId: string }
  | { type: 'quiz'; topicId: string }
  | { type: 'review-add'; postId: number }
  | { type: 'review-next' }
  /** Report the item of a post: a press asks for the text, a submit carries it. */
  | { type: 'report'; postId: number }
  /** An admin dismisses the open reports of an item. */
  | { type: 'dismiss-reports'; itemId: string }
  | ExamAction;

/** A press on a practice exam: each carries the exam and, where it matters, the question's position. */
export type ExamAction =
  | { type: 'exam'; op: 'answer'; examId: number; position: number; choices: number[] }
  | { type: 'exam'; op: 'go' | 'flag' | 'report'; examId: number; position: number }
  | { type: 'exam'; op: 'submit' | 'confirm'; examId: number };

const examKinds = { xa: 'answer', xg: 'go', xf: 'flag', xr: 'report', xs: 'submit', xc: 'confirm' } as const;
type ExamKind = keyof typeof examKinds;
const examKindOf = Object.fromEntries(Object.entries(examKinds).map(([k, op]) => [op, k])) as Record<ExamAction['op'], ExamKind>;

/** The answer action of an exam question: a press sends it with the chosen indexes appended. */
export function examAnswerAction(examId: number, position: number): string {
  return `xa:${examId}:${position}`;
}

const maxLength = 100; // Discord's custom_id limit; Slack allows more.

export function answerAction(postId: number): string {
  return `ans:${postId}`;
}

export function encodeAction(action: Action): string {
  switch (action.type) {
    case 'answer':
      return `${answerAction(action.postId)}:${action.choices.join('+')}`;
    case 'explain':
      return `exp:${action.topicId}`;
    case 'quiz':
      return `qz:${action.topicId}`;
    case 'review-add':
      return `rva:${action.postId}`;
    case 'review-next':
      return 'rvn';
    case 'exam':
      if (action.op === 'answer') return `${examAnswerAction(action.examId, action.position)}:${action.choices.join('+')}`;
      return 'position' in action ? `${examKindOf[action.op]}:${action.examId}:${action.position}` : `${examKindOf[action.op]}:${action.examId}`;
    case 'report':
      return `rep:${action.postId}`;
    case 'dismiss-reports':
      return `rpd:${action.itemId}`;
  }
}

/** Parses an action id; returns undefined for anything malformed. */
export function parseAction(id: string): Action | undefined {
  if (typeof id !== 'string' || id.length === 0 || id.length > maxLength) return undefined;
  const [kind, a, b, ...rest] = id.split(':');
  if (kind !== undefined && kind in examKinds) return parseExamAction(examKinds[kind as ExamKind], a, b, rest);
  if (rest.length > 0) return undefined;
  switch (kind) {
    case 'ans': {
      const postId = parseId(a);
      const choices = parseChoices(b);
      return postId === undefined || !choices ? undefined : { type: 'answer', postId, choices };
    }
    case 'exp':
    case 'qz':
      if (b !== undefined || !a || !/^[a-z0-9-]{1,60}$/.test(a)) return undefined;
      return kind === 'exp' ? { type: 'explain', topicId: a } : { type: 'quiz', topicId: a };
    case 'rva':
    case 'rep': {
      const postId = parseId(a);
      if (postId === undefined || b !== undefined) return undefined;
      return kind === 'rva' ? { type: 'review-add', postId } : { type: 'report', postId };
    }
    case 'rpd':
      return b !== undefined || !a || !/^[a-z0-9-]{1,60}$/.test(a) ? undefined : { type: 'dismiss-reports', itemId: a };
    case 'rvn':
      return a === undefined ? { type: 'review-next' } : undefined;
    default:
      return undefined;
  }
}

function parseExamAction(op: ExamAction['op'], a: string | undefined, b: string | undefined, rest: string[]): ExamAction | undefined {
  const examId = parseId(a);
  if (examId === undefined) return undefined;
  if (op === 'submit' || op === 'confirm') return b === undefined ? { type: 'exam', op, examId } : undefined;
  const position = b !== undefined && /^(0|[1-9]\d{0,2})$/.test(b) ? Number(b) : undefined;
  if (position === undefined) return undefined;
  if (op !== 'answer') return rest.length === 0 ? { type: 'exam', op, examId, position } : undefined;
  const choices = parseChoices(rest.length === 1 ? rest[0] : undefined);
  return choices && { type: 'exam', op, examId, position, choices };
}

/** "0", "1+3": distinct choice indexes, ascending. */
function parseChoices(text: string | undefined): number[] | undefined {
  if (text === undefined || !/^\d(\+\d){0,4}$/.test(text)) return undefined;
  const choices = text.split('+').map(Number);
  if (new Set(choices).size !== choices.length) return undefined;
  return choices.sort((x, y) => x - y);
}

function parseId(text: string | undefined): number | undefined {
  if (!text || !/^[1-9]\d{0,14}$/.test(text)) return undefined;
  return Number(text);
}
