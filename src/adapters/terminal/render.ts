import { blockLines, joinLines, stripMarkdown } from '../../core/render/fallback-text.js';
import type { Block, Reply } from '../../core/reply.js';

/** What a rendered reply offers the person at the keyboard. */
export interface Prompts {
  /** The answer action of the question shown, with how many choices to pick. */
  answer?: { action: string; pick: number; count: number };
  /** Action ids of the buttons shown, in order: typing b1 presses the first. */
  buttons: string[];
}

/** Renders a Reply as readable text: numbered choices, numbered buttons, each chart's file beside its numbers. */
export function renderText(reply: Reply, chartFiles: ReadonlyMap<string, string> = new Map()): { text: string; prompts: Prompts } {
  const prompts: Prompts = { buttons: [] };
  const out: string[] = [];
  for (const block of reply.blocks) out.push(...(block.type === 'image' ? chartLines(block.alt, chartFiles.get(block.name)) : renderBlock(block, prompts)));
  if (reply.ask) out.push('', `${reply.ask.label} Type it on the next line (up to ${reply.ask.maxLength} characters), or /cancel.`);
  return { text: joinLines(out), prompts };
}

function chartLines(alt: string, file: string | undefined): string[] {
  return ['', file ? `Chart: ${file}` : 'Chart: (could not be drawn)', alt];
}

function renderBlock(block: Exclude<Block, { type: 'image' }>, prompts: Prompts): string[] {
  switch (block.type) {
    case 'heading':
      return ['', `== ${block.text} ==`];
    case 'context':
      return [`(${stripMarkdown(block.text)})`];
    case 'choices': {
      prompts.answer = { action: block.action, pick: block.pick, count: block.choices.length };
      const how = block.pick > 1 ? `Answer with ${block.pick} numbers, e.g. "1 3".` : 'Answer with its number.';
      // Numbers to type, letters as the verdicts and other platforms name them.
      const mark = (i: number): string => (block.selected?.includes(i) ? '   ← your answer' : '');
      return ['', ...block.choices.map((c, i) => `  [${i + 1}] ${c.key}) ${c.text}${mark(i)}`), how];
    }
    case 'buttons': {
      const labels = block.buttons.map((b) => {
        prompts.buttons.push(b.id);
        return `[b${prompts.buttons.length}] ${b.label}`;
      });
      return ['', labels.join('   ')];
    }
    default:
      // Paragraphs, fields and tables read as in the fallback text.
      return blockLines(block);
  }
}
