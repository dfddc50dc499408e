import { notice } from '../reply.js';
import { parseSlug, topicGone, type ActionDef } from './action.js';

/** "Read": a topic's card, privately. */
export type ExplainAction = { type: 'explain'; topicId: string };

export const explain: ActionDef<ExplainAction> = {
  type: 'explain',
  prefixes: ['exp'],
  parse(_prefix, parts) {
    const topicId = parseSlug(parts);
    return topicId === undefined ? undefined : { type: 'explain', topicId };
  },
  encode: (a) => `exp:${a.topicId}`,
  run(a, { ctx }) {
    const topic = ctx.deps.library.topic(a.topicId);
    return topic ? { ...ctx.deps.library.card(topic), visibility: 'ephemeral' } : notice(topicGone);
  },
};
