import { notice } from '../reply.js';
import { parseSlug, topicGone, type ActionDef } from './action.js';

/** "Practise": a quiz question on a topic, as /quiz <topic> asks one. */
export type QuizAction = { type: 'quiz'; topicId: string };

export const quiz: ActionDef<QuizAction> = {
  type: 'quiz',
  prefixes: ['qz'],
  parse(_prefix, parts) {
    const topicId = parseSlug(parts);
    return topicId === undefined ? undefined : { type: 'quiz', topicId };
  },
  encode: (a) => `qz:${a.topicId}`,
  async run(a, { ctx, command }) {
    const quizCommand = command('quiz');
    if (!ctx.deps.library.topic(a.topicId) || !quizCommand) return notice(topicGone);
    return await quizCommand.run(ctx, { topic: a.topicId }, undefined);
  },
};
