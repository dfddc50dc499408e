import { encodeAction } from '../actions.js';
import type { Topic } from '../content/schema.js';
import { reply, type Block, type Reply } from '../reply.js';
import { shortTitle } from './topic-card.js';

/** "X vs Y": the facts both topics declare, row by row, side by side. Rows only one side has show a dash on the other. */
export function comparisonCard(a: Topic, b: Topic): Reply {
  const title = `${shortTitle(a)} vs ${shortTitle(b)}`;
  const rows = [...new Set([...Object.keys(a.facts), ...Object.keys(b.facts)])];
  const fact = (topic: Topic, row: string): string => topic.facts[row] ?? '—';
  const rowName = (row: string): string => `${row.charAt(0).toUpperCase()}${row.slice(1)}`;
  const blocks: Block[] = [
    { type: 'heading', text: title },
    ...rows.map((row): Block => ({
      type: 'fields',
      sideBySide: true,
      fields: [a, b].map((t) => ({ label: `${rowName(row)} · ${shortTitle(t)}`, value: fact(t, row) })),
    })),
    {
      type: 'buttons',
      buttons: [a, b].map((t) => ({ id: encodeAction({ type: 'explain', topicId: t.id }), label: shortTitle(t) })),
    },
    { type: 'context', text: `Source: ${a.sources[0]} · ${b.sources[0]} · Last verified ${[a.last_verified, b.last_verified].sort()[0]}` },
  ];
  return reply('public', blocks);
}
