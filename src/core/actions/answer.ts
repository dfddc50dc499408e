import { encodeChoices, parseChoices, parseId, type ActionDef } from './action.js';

/** The answer to a posted question: the post and the chosen indexes. */
export type AnswerAction = { type: 'answer'; postId: number; choices: number[] };

const prefix = 'ans';

/** The id a question's choices block carries; a press appends the chosen indexes. */
export const answerBlockAction = (postId: number): string => `${prefix}:${postId}`;

export const answer: ActionDef<AnswerAction> = {
  type: 'answer',
  prefixes: [prefix],
  parse(_prefix, [post, choices, ...rest]) {
    const postId = parseId(post);
    const chosen = parseChoices(choices);
    return postId === undefined || !chosen || rest.length > 0 ? undefined : { type: 'answer', postId, choices: chosen };
  },
  encode: (a) => `${answerBlockAction(a.postId)}:${encodeChoices(a.choices)}`,
  run: (a, { ctx }) => ctx.deps.quiz.answer(ctx.community, { externalId: ctx.caller.userId, displayName: ctx.caller.displayName }, a.postId, a.choices),
};
