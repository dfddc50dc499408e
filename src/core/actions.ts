/**
 * Action ids: what a button carries. The registry of every action (each defined once in
 * actions/<action>.ts); they are parsed, never trusted: every id is checked against the
 * community of the interaction that pressed it. Adapters ask here whether an id is ours and
 * what id a press of choices sends; they never build or match the wire format themselves.
 */
import type { Reply } from './reply.js';
import { encodeChoices, type ActionDef, type ActionRun } from './actions/action.js';
import { answer, answerBlockAction, type AnswerAction } from './actions/answer.js';
import { dismissReportsAction, type DismissReportsAction } from './actions/dismiss-reports.js';
import { exam, examAnswerBlockAction, type ExamAction } from './actions/exam.js';
import { explain, type ExplainAction } from './actions/explain.js';
import { quiz, type QuizAction } from './actions/quiz.js';
import { report, type ReportAction } from './actions/report.js';
import { reviewAdd, type ReviewAddAction } from './actions/review-add.js';
import { reviewNext, type ReviewNextAction } from './actions/review-next.js';

export type { ActionRun, ExamAction };
export type Action = AnswerAction | ExplainAction | QuizAction | ReviewAddAction | ReviewNextAction | ReportAction | DismissReportsAction | ExamAction;

type Definitions = { [T in Action['type']]: ActionDef<Extract<Action, { type: T }>> };
const definitions: Definitions = {
  answer,
  explain,
  quiz,
  'review-add': reviewAdd,
  'review-next': reviewNext,
  report,
  'dismiss-reports': dismissReportsAction,
  exam,
};

const definitionOf = (action: Action): ActionDef<Action> => definitions[action.type] as ActionDef<Action>;
const byPrefix = new Map(Object.values(definitions).flatMap((d) => d.prefixes.map((p) => [p, d as ActionDef<Action>] as const)));

const maxLength = 100; // Discord's custom_id limit; Slack allows more.

export { answerBlockAction as answerAction, examAnswerBlockAction as examAnswerAction };

export const encodeAction = (action: Action): string => definitionOf(action).encode(action);

/** Parses an action id; returns undefined for anything malformed. */
export function parseAction(id: string): Action | undefined {
  if (typeof id !== 'string' || id.length === 0 || id.length > maxLength) return undefined;
  const [prefix = '', ...parts] = id.split(':');
  return byPrefix.get(prefix)?.parse(prefix, parts);
}

/** Whether a submitted form's text may come with this action (only a report takes one). */
export const takesText = (action: Action): boolean => definitionOf(action).takesText === true;

export const runAction = (action: Action, run: ActionRun): Reply | Promise<Reply> => definitionOf(action).run(action, run);

/** Matches every id the core puts on a button or menu (by its prefix), for a platform listener to claim. */
export const actionIdPattern = new RegExp(`^(${[...byPrefix.keys()].join('|')})(:|$)`);

/** The id a press of `choices` sends: the choices block's action and the chosen indexes. */
export const choiceActionId = (blockAction: string, choices: readonly number[]): string => `${blockAction}:${encodeChoices(choices)}`;

/** Whether `id` is the choices block `blockAction` or a press of one of its choices. */
export const isChoiceOf = (id: string, blockAction: string): boolean => id === blockAction || id.startsWith(`${blockAction}:`);
