import { nextReview } from '../commands/review.js';
import type { ActionDef } from './action.js';

/** The next item of the member's review list. */
export type ReviewNextAction = { type: 'review-next' };

export const reviewNext: ActionDef<ReviewNextAction> = {
  type: 'review-next',
  prefixes: ['rvn'],
  parse: (_prefix, parts) => (parts.length === 0 ? { type: 'review-next' } : undefined),
  encode: () => 'rvn',
  run: (_a, { ctx }) => nextReview(ctx),
};
