import type { Block } from '../reply.js';
import { tableLines } from './table-text.js';

/** The core's small Markdown has one mark that means nothing in plain text: **bold**. */
export const stripMarkdown = (text: string): string => text.replace(/\*\*(.+?)\*\*/g, '$1');

type TextBlock = Extract<Block, { type: 'markdown' | 'fields' | 'table' }>;

/**
 * The lines of a block that reads the same everywhere it is plain text: the fallback text
 * below and the terminal, which lays out headings, choices and buttons its own way.
 */
export function blockLines(block: TextBlock): string[] {
  switch (block.type) {
    case 'markdown':
      return [stripMarkdown(block.text)];
    case 'fields':
      return block.fields.flatMap((f) => {
        const value = stripMarkdown(f.value);
        return value.includes('\n') || value.startsWith('- ') ? ['', `${f.label}:`, value, ''] : [`${f.label}: ${value}`];
      });
    case 'table':
      return ['', ...tableLines(block), ''];
  }
}

function fallbackLines(block: Block): string[] {
  switch (block.type) {
    case 'heading':
    case 'context':
      return [stripMarkdown(block.text)];
    case 'choices':
      return block.choices.map((c, i) => `${c.key}) ${c.text}${block.selected?.includes(i) ? '  ← your answer' : ''}`);
    case 'image':
      // The alt text carries the chart's numbers, so the text has them too.
      return [block.alt];
    case 'buttons':
      // Wherever the text is shown the buttons come with it (Discord's plain fallback, Slack's
      // blocks, the terminal's numbered list) or cannot be pressed (a notification).
      return [];
    default:
      return blockLines(block);
  }
}

/**
 * A reply's plain text, derived from its blocks in one place: notifications, Slack's `text`,
 * Discord's plain fallback and the terminal's JSON all read it, so it can never say less
 * than the blocks or disagree with them.
 */
export function fallbackText(blocks: readonly Block[]): string {
  return joinLines(blocks.flatMap(fallbackLines));
}

/** Lines as one text: at most one blank line in a row, none at the ends, and a table's indent on its first line kept. */
export function joinLines(lines: readonly string[]): string {
  return lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()
    .replace(/^(?:[ \t]*\n)+/, '');
}
