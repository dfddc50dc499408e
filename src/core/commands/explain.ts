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
    return result.versus ? deps.library.comparison(result.topic, result.versus) : deps.library.card(result.topic);
  },
};
