import type { types } from '@slack/bolt';
import type { Block, Reply } from '../../core/reply.js';
import { choicesBlockId, pickActionId, submitActionId } from './action-ids.js';
import { renameCommands } from './command-names.js';
import { clamp, toMrkdwn, toPlain } from './mrkdwn.js';
import { choiceActionId } from '../../core/actions.js';
import { tableLines } from '../../core/render/table-text.js';

type KnownBlock = types.KnownBlock;

export interface RenderOptions {
  /** The workspace's command prefix, so "/explain" in text reads "/cs-explain". */
  commandPrefix?: string;
  /** The core's command names, for that renaming. */
  commandNames?: readonly string[];
  /** Slack allows 50 blocks in a message and 100 in a Home tab. */
  maxBlocks?: number;
}

/** A Reply as Slack wants it: Block Kit plus the plain-text fallback for notifications. */
export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}

// Slack's documented limits; a message over any of them is rejected as invalid_blocks. The
// fallback text may be longer (40,000), but Slack advises 4,000 for notifications.
const limits = { header: 150, section: 3000, field: 2000, fields: 10, button: 75, option: 75, actions: 25, fallback: 4000 } as const;

/** Renders a Reply as Block Kit with a plain-text fallback. */
export function renderReply(reply: Reply, options: RenderOptions = {}): SlackMessage {
  const rename = (text: string): string => renameCommands(text, options.commandNames ?? [], options.commandPrefix);
  const usedActionIds = new Set<string>();
  const blocks = reply.blocks.flatMap((block) => renderBlock(block, rename, usedActionIds));
  const max = options.maxBlocks ?? 50;
  const fitted = blocks.length <= max ? blocks : [...blocks.slice(0, max - 1), context('…(shortened to fit Slack)')];
  return { text: clamp(toMrkdwn(rename(reply.text)), limits.fallback), blocks: fitted };
}

function renderBlock(block: Block, rename: (text: string) => string, used: Set<string>): KnownBlock[] {
  switch (block.type) {
    case 'heading':
      return [{ type: 'header', text: { type: 'plain_text', text: clamp(toPlain(rename(block.text)), limits.header), emoji: true } }];
    case 'markdown':
      return block.text.trim() === '' ? [] : [section(toMrkdwn(rename(block.text)))];
    case 'context':
      return [context(rename(block.text))];
    case 'fields': {
      // One field reads better full width; several short ones sit side by side.
      if (block.fields.length === 1) {
        const [field] = block.fields;
        return field ? [section(`*${toMrkdwn(field.label)}*\n${toMrkdwn(rename(field.value))}`)] : [];
      }
      const out: KnownBlock[] = [];
      for (let i = 0; i < block.fields.length; i += limits.fields) {
        const fields = block.fields.slice(i, i + limits.fields).map((f) => ({
          type: 'mrkdwn' as const,
          text: clamp(`*${toMrkdwn(f.label)}*\n${toMrkdwn(rename(f.value))}`, limits.field),
        }));
        out.push({ type: 'section', fields });
      }
      return out;
    }
    case 'choices': {
      // Choice texts can be long, so they are listed in a section and the buttons carry the letters.
      const list = section(block.choices.map((c) => `*${toMrkdwn(c.key)})* ${toMrkdwn(c.text)}`).join('\n'));
      if (block.pick <= 1) {
        const buttons = block.choices.map((c, i) => button(choiceActionId(block.action, [i]), c.key, used, block.selected?.includes(i) ? 'primary' : undefined)).filter((b) => b !== undefined);
        return [list, { type: 'actions', block_id: choicesBlockId(block.action), elements: buttons.slice(0, limits.actions) }];
      }
      const options = block.choices.slice(0, 10).map((c, i) => ({
        text: { type: 'plain_text' as const, text: clamp(`${c.key}) ${c.text}`, limits.option) },
        value: String(i),
      }));
      const ticked = options.filter((_, i) => block.selected?.includes(i));
      const checkboxes: types.Checkboxes = { type: 'checkboxes', action_id: pickActionId(block.action), options, ...(ticked.length > 0 ? { initial_options: ticked } : {}) };
      const submit = button(submitActionId(block.action), 'Submit answer', used, 'primary');
      return [
        list,
        { type: 'actions', block_id: choicesBlockId(block.action), elements: submit ? [checkboxes, submit] : [checkboxes] },
        context(`Tick ${block.pick} choices, then press Submit answer.`),
      ];
    }
    case 'image':
      // Block Kit's image block needs a public URL, which the bot does not have. Public charts
      // are uploaded into the message's thread instead (share-chart.ts); the text has the numbers.
      return [];
    case 'buttons': {
      const buttons = block.buttons.map((b) => button(b.id, b.label, used, b.style === 'primary' ? 'primary' : undefined)).filter((b) => b !== undefined);
      return buttons.length === 0 ? [] : [{ type: 'actions', elements: buttons.slice(0, limits.actions) }];
    }
    case 'table':
      // Slack has no table block that works everywhere; an aligned code block does.
      return [section(`\`\`\`\n${escapeCode(tableLines(block).join('\n'))}\n\`\`\``)];
  }
}

function section(text: string): KnownBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: clamp(text, limits.section) } };
}

function context(text: string): KnownBlock {
  return { type: 'context', elements: [{ type: 'mrkdwn', text: clamp(toMrkdwn(text), limits.section) }] };
}

/** A button, or undefined when its action id is already on this message (Slack rejects duplicates). */
function button(actionId: string, label: string, used: Set<string>, style?: 'primary'): types.Button | undefined {
  if (used.has(actionId)) return undefined;
  used.add(actionId);
  return {
    type: 'button',
    action_id: actionId,
    value: actionId,
    text: { type: 'plain_text', text: clamp(toPlain(label), limits.button), emoji: true },
    ...(style ? { style } : {}),
  };
}

function escapeCode(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
