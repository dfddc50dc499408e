import { askForReport, submitReport } from '../report-question.js';
import { parseOnlyId, type ActionDef } from './action.js';

/** Report the item of a post: a press asks for the text, a submit carries it. */
export type ReportAction = { type: 'report'; postId: number };

export const report: ActionDef<ReportAction> = {
  type: 'report',
  prefixes: ['rep'],
  takesText: true,
  parse(_prefix, parts) {
    const postId = parseOnlyId(parts);
    return postId === undefined ? undefined : { type: 'report', postId };
  },
  encode: (a) => `rep:${a.postId}`,
  run: (a, { ctx, submitted }) => (submitted === undefined ? askForReport(ctx, a.postId) : submitReport(ctx, a.postId, submitted)),
};
