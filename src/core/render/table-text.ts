import type { Block } from '../reply.js';

export type TableBlock = Extract<Block, { type: 'table' }>;

/** Marks the highlighted row (the caller's own on a leaderboard); other rows get blanks of the same width. */
export const highlightMark = '→ ';
const noMark = '  ';
const gap = '  ';

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });
// Emoji and East Asian wide characters take two columns of a monospace font: a member named "🦊 Fox" or "李雷" must not push the columns after it.
const wide = /\p{Emoji_Presentation}|\ufe0f|[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{20000}-\u{3fffd}]/u;
const invisible = /^[\p{Cc}\p{Cf}\p{Mn}]+$/u;

/** Columns a string takes in a monospace font, counting what the reader sees (a grapheme), not code units. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const { segment } of graphemes.segment(text)) width += invisible.test(segment) ? 0 : wide.test(segment) ? 2 : 1;
  return width;
}

/**
 * A table as aligned monospace lines: the header, then one line per row, the highlighted one
 * marked. Every platform shows it as is (Discord and Slack inside a code block, the terminal
 * and the fallback text plainly), so a backtick in a cell becomes a quote: it could close the block.
 */
export function tableLines(table: Pick<TableBlock, 'columns' | 'rows' | 'highlightRow'>): string[] {
  const safe = (cell: string | undefined): string => (cell ?? '').replace(/`/g, "'").replace(/\s+/g, ' ');
  const widths = table.columns.map((c, i) => Math.max(displayWidth(safe(c)), ...table.rows.map((r) => displayWidth(safe(r[i])))));
  const line = (cells: readonly string[], mark: string): string =>
    `${mark}${widths.map((w, i) => {
      const cell = safe(cells[i]);
      return cell + ' '.repeat(w - displayWidth(cell));
    }).join(gap)}`.trimEnd();
  return [line(table.columns, noMark), ...table.rows.map((r, i) => line(r, i === table.highlightRow ? highlightMark : noMark))];
}
