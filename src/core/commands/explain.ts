import { notCoveredReply } from './not-covered.js';
import type { Command } from './spec.js';

export const explainCommand: Command = {
  spec: {
    name: 'explain',
    description: 'A short summary card of a topic',
    usage: '/explain <topic>',
    visibility: 'public',
    options: [{ name: 'topic', description: 'the topic, e.g. fargate or "lambda vs batch"', type: 'text', required: true, autocomplete: 'topic', rest: true, maxLength: 200 }],
  },
  run({ deps }, args) {
    const result = deps.library.index.lookup(args.topic ?? '');
    return result.found ? deps.library.card(result.topic) : notCoveredReply(result, args.topic ?? '', '/explain');
  },
};
