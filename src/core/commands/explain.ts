import type { Topic } from '../content/schema.js';
import { reply, type Reply } from '../reply.js';
import type { Uncovered } from '../topics/topic-index.js';
import { shortTitle } from '../render/topic-card.js';
import { notCoveredReply } from './not-covered.js';
import type { Command } from './spec.js';

export const explainCommand: Command = {
  spec: {
    name: 'explain',
    description: 'A short summary card of a topic',
    usage: '/explain <topic>',
    visibility: 'public',
    options: [{ name: 'topic', description: 'the topic, e.g. fargate, or two to compare: "ecs vs eks"', type: 'text', required: true, autocomplete: 'topic', rest: true, maxLength: 200 }],
  },
  run({ deps }, args) {
    const result = deps.library.index.lookup(args.topic ?? '');
    if (!result.found) return notCoveredReply(result, args.topic ?? '', '/explain');
    if (result.versus) return deps.library.comparison(result.topic, result.versus);
    const card = deps.library.card(result.topic);
    return result.uncovered ? withUncoveredNote(card, result.topic, result.uncovered) : card;
  },
};

/** The covered side's card, opened by a line saying plainly that the other side is not covered. */
function withUncoveredNote(card: Reply, topic: Topic, uncovered: Uncovered): Reply {
  const name = uncovered.name.replace(/[`*_~<>|@]/g, '');
  const see = uncovered.see ? ` (only the ${uncovered.see.title} card covers it)` : '';
  const note = `"${name}" is not covered here as a topic of its own${see}, so there is no comparison with ${shortTitle(topic)}. Here is the ${shortTitle(topic)} card.`;
  return reply(card.visibility, [{ type: 'markdown', text: `**${note}**` }, ...card.blocks]);
}
