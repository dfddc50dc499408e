import { describe, expect, it } from 'vitest';
import { renderMessage } from '../../src/adapters/discord/render.js';
import { renderReply } from '../../src/adapters/slack/render.js';
import { renderText } from '../../src/adapters/terminal/render.js';
import { displayWidth, tableLines } from '../../src/core/render/table-text.js';
import { reply, type Block } from '../../src/core/reply.js';

/** Where each cell starts on screen, in columns: equal on every line when the table is aligned. */
function cellStarts(line: string, cells: readonly string[]): number[] {
  let from = 0;
  return cells.map((cell) => {
    const at = line.indexOf(cell, from);
    from = at + cell.length;
    return displayWidth(line.slice(0, at));
  });
}

const board: Extract<Block, { type: 'table' }> = {
  type: 'table',
  columns: ['#', 'Member', 'Points'],
  rows: [
    ['1', '🦊 Fox', '30'],
    ['2', '李雷', '25'],
    ['10', 'Ana', '5'],
  ],
  highlightRow: 1,
};

describe('one table formatter', () => {
  it('counts what a monospace font shows: emoji and East Asian characters take two columns, combining marks none', () => {
    expect(displayWidth('Ana')).toBe(3);
    expect(displayWidth('李雷')).toBe(4);
    expect(displayWidth('🦊')).toBe(2);
    expect(displayWidth('👩‍💻')).toBe(2);
    expect(displayWidth('e\u0301')).toBe(1);
    expect(displayWidth('©')).toBe(1);
    expect(displayWidth('❤️')).toBe(2);
    expect(displayWidth('👍🏽')).toBe(2);
    expect(displayWidth('🇬🇧')).toBe(2);
    expect(displayWidth('')).toBe(0);
  });

  it('aligns every column, wide names included, and marks only the highlighted row', () => {
    const lines = tableLines(board);
    expect(lines).toEqual([
      '  #   Member  Points',
      '  1   🦊 Fox  30',
      '→ 2   李雷    25',
      '  10  Ana     5',
    ]);
    const header = cellStarts(lines[0]!, board.columns);
    board.rows.forEach((row, i) => expect(cellStarts(lines[i + 1]!, row), row.join(' ')).toEqual(header));
  });

  it('an empty table is its header; short rows, backticks and line breaks cannot break the columns', () => {
    expect(tableLines({ columns: ['Topic', '%'], rows: [] })).toEqual(['  Topic  %']);
    expect(tableLines({ columns: ['A', 'B'], rows: [['x'], ['`y`', 'two\nlines']] })).toEqual(['  A    B', '  x', "  'y'  two lines"]);
    expect(tableLines({ columns: ['A'], rows: [['x']], highlightRow: 5 })).toEqual(['  A', '  x']);
  });

  it('a member with an emoji or a CJK name does not push the columns on Discord, Slack or in the terminal', () => {
    const table = reply('public', [board]);
    const shown = {
      discord: renderMessage(table).embeds[0]?.description ?? '',
      slack: (renderReply(table).blocks[0] as { text: { text: string } }).text.text,
      terminal: renderText(table).text,
    };
    for (const [platform, text] of Object.entries(shown)) {
      const lines = text.split('\n').filter((l) => l.includes('#') || /\d/.test(l));
      const header = cellStarts(lines[0]!, board.columns);
      board.rows.forEach((row, i) => expect(cellStarts(lines[i + 1]!, row), `${platform}: ${row.join(' ')}`).toEqual(header));
    }
  });

  it('Discord, Slack and the terminal show the same lines, each in its own wrapping', () => {
    const lines = tableLines(board);
    const table = reply('public', [{ type: 'heading', text: 'Leaderboard' }, board]);
    expect(renderMessage(table).embeds[0]?.description).toBe(['```', ...lines, '```'].join('\n'));
    const section = renderReply(table).blocks[1] as { text: { text: string } };
    expect(section.text.text).toBe(['```', ...lines, '```'].join('\n'));
    expect(renderText(table).text).toBe(['== Leaderboard ==', '', ...lines].join('\n'));
    expect(table.text).toBe(['Leaderboard', '', ...lines].join('\n'));
  });
});
