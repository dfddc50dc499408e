import { reply } from '../reply.js';
import type { Command } from './spec.js';

export const topicsCommand: Command = {
  spec: { name: 'topics', description: 'Every topic, grouped', usage: '/topics', visibility: 'ephemeral', options: [] },
  run({ deps }) {
    // Groups in the exam's order (content/exam.yaml).
    const groups = deps.library.groups.map((g) => ({ group: g.name, topics: g.topics }));
    const fields = groups.map((g) => ({ label: g.group, value: g.topics.map((t) => `- ${t.title} (${t.id})`).join('\n') }));
    return reply('ephemeral', [
      { type: 'heading', text: 'Topics' },
      { type: 'fields', fields },
      { type: 'context', text: `${deps.library.topics.length} topics. Use /explain <topic> for a card or /quiz <topic> to practise.` },
    ]);
  },
};
