import type { Block } from '../reply.js';

export type TableBlock = Extract<Block, { type: 'table' }>;

/** Marks the highlighted row (the caller's own on a leaderboard); other rows get blanks of the same width. */
export const highlightMark = '→ ';
const noMark = '  ';
const gap = '  ';

// Emoji and East Asian wide characters take two columns of a monospace font: a member named "🦊 Fox" or "李雷" must not push the columns after it.
const wide = /[\p{Emoji_Presentation}\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{20000}-\u{3fffd}]/u;
const regional = /[\u{1f1e6}-\u{1f1ff}]/u;
// Marks, joiners, skin tones and other format characters draw nothing of their own.
const zeroWidth = /[\p{Mn}\p{Me}\p{Cf}\p{Cc}\p{Emoji_Modifier}\ufe00-\ufe0e]/u;

/** Columns a string takes in a monospace font, counting what the reader sees, not UTF-16 units. */
export function displayWidth(text: string): number {
  if (/^[\x20-\x7e]*$/.test(text)) return text.length;
  let width = 0;
  let last = 0;
  let joined = false;
  for (const char of text) {
    // The character after a zero-width joiner is drawn into the emoji before it (👩‍💻).
    if (joined || char === '\u200d') {
      joined = !joined;
      continue;
    }
    if (char === '\ufe0f') {
      // An emoji variation selector turns a one-column symbol (❤) into a two-column emoji (❤️).
      width += last === 1 ? 1 : 0;
      last = 2;
    } else if (!zeroWidth.test(char)) {
      // A flag is two regional indicator letters, one column each.
      last = wide.test(char) && !regional.test(char) ? 2 : 1;
      width += last;
    }
  }
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
