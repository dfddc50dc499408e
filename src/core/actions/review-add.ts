import { parseOnlyId, type ActionDef } from './action.js';

/** Adds the item of a post to the member's review list. */
export type ReviewAddAction = { type: 'review-add'; postId: number };

export const reviewAdd: ActionDef<ReviewAddAction> = {
  type: 'review-add',
  prefixes: ['rva'],
  parse(_prefix, parts) {
    const postId = parseOnlyId(parts);
    return postId === undefined ? undefined : { type: 'review-add', postId };
  },
  encode: (a) => `rva:${a.postId}`,
  run(a, { ctx }) {
    const member = ctx.community && ctx.deps.store.communities.findMember(ctx.community.id, ctx.caller.userId);
    return ctx.deps.quiz.addToReview(ctx.community, member, a.postId);
  },
};
