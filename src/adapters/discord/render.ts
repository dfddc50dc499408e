import {
  ButtonStyle,
  ComponentType,
  type APIActionRowComponent,
  type APIButtonComponentWithCustomId,
  type APIComponentInMessageActionRow,
  type APIEmbed,
  type APIEmbedField,
} from 'discord.js';
import type { Block, Button, Reply } from '../../core/reply.js';
import { choiceActionId } from '../../core/actions.js';
import { tableLines } from '../../core/render/table-text.js';

/** A Discord message body, accepted as-is by interaction replies and by POST/PATCH channel messages. */
export interface DiscordMessage {
  /** Plain text: a notice's whole text, or a channel post's first line (what notifications show). Empty string clears it on edit. */
  content: string;
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIComponentInMessageActionRow>[];
  /** Display names and topic text must never ping anyone. */
  allowed_mentions: { parse: [] };
}

export interface RenderOptions {
  /** A channel post: put the first line of the text in `content` so notifications say something useful. */
  notify?: boolean;
}

/** Discord's limits; exceeding any of them turns the whole message into a 400. */
export const limits = {
  content: 2000,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  embedTotal: 6000,
  rows: 5,
  buttonsPerRow: 5,
  buttonLabel: 80,
  customId: 100,
  selectOptions: 25,
  selectLabel: 100,
} as const;

/** AWS orange, so the bot's cards are recognisable in a busy channel. */
const accent = 0xff9900;
const blankName = '\u200b';

/** Renders a Reply as an embed plus buttons or a select menu; a reply of plain text stays plain text. */
export function renderMessage(reply: Reply, options: RenderOptions = {}): DiscordMessage {
  const components = renderComponents(reply.blocks);
  if (isPlain(reply.blocks)) {
    const text = reply.blocks.map((b) => (b.type === 'markdown' ? b.text : '')).join('\n\n') || reply.text;
    return { content: clip(text, limits.content), embeds: [], components, allowed_mentions: { parse: [] } };
  }
  const content = options.notify ? clip(firstLine(reply.text), limits.content) : '';
  return { content, embeds: [renderEmbed(reply.blocks)], components, allowed_mentions: { parse: [] } };
}

/**
 * The same reply as plain text with its buttons: the fallback when Discord refuses the rich
 * form (a 400 naming a field), so the member still gets the answer and the buttons.
 */
export function renderPlain(reply: Reply): DiscordMessage {
  return { content: clip(reply.text, limits.content), embeds: [], components: renderComponents(reply.blocks), allowed_mentions: { parse: [] } };
}

/** Short notices read better as a plain message than as a one-line card. */
function isPlain(blocks: readonly Block[]): boolean {
  const textLength = blocks.reduce((n, b) => n + (b.type === 'markdown' ? b.text.length + 2 : 0), 0);
  return blocks.every((b) => b.type === 'markdown' || b.type === 'buttons') && textLength <= limits.content;
}

function renderEmbed(blocks: readonly Block[]): APIEmbed {
  let title: string | undefined;
  let image: string | undefined;
  const description: string[] = [];
  const fields: APIEmbedField[] = [];
  // Embeds show the description above the fields, so text that comes after a fields block
  // becomes an unnamed field to keep the reply's order.
  const addText = (text: string): void => {
    if (fields.length === 0) description.push(text);
    else fields.push(...splitField(blankName, text));
  };
  for (const block of blocks) {
    switch (block.type) {
      case 'heading':
        if (title === undefined && description.length === 0 && fields.length === 0) title = clip(block.text, limits.title);
        else addText(`**${block.text}**`);
        break;
      case 'markdown':
        addText(block.text);
        break;
      case 'context':
        addText(`*${block.text}*`);
        break;
      case 'fields':
        if (block.sideBySide) {
          for (const f of block.fields) fields.push({ name: clip(f.label, limits.fieldName), value: clip(f.value || '-', limits.fieldValue), inline: true });
          // Discord fills rows of three inline fields; a blank third keeps each pair on its own row.
          if (block.fields.length === 2) fields.push({ name: blankName, value: blankName, inline: true });
          break;
        }
        for (const f of block.fields) fields.push(...splitField(f.label, f.value, !f.value.includes('\n') && f.value.length <= 40));
        break;
      case 'table':
        addText(['```', ...tableLines(block), '```'].join('\n'));
        break;
      case 'choices':
        addText(block.choices.map((c) => `**${c.key})** ${c.text}`).join('\n'));
        break;
      case 'image':
        // The picture itself travels as an attachment of the same message (attachments.ts).
        image ??= `attachment://${block.name}`;
        break;
      case 'buttons':
        break;
    }
  }
  return fitEmbed({ color: accent, ...(title ? { title } : {}), ...(image ? { image: { url: image } } : {}), description: description.join('\n\n'), fields });
}

/** A long value becomes several fields, split at line breaks, so nothing is silently cut. */
function splitField(name: string, value: string, inline = false): APIEmbedField[] {
  const out: APIEmbedField[] = [];
  let current = '';
  const flush = (): void => {
    if (current === '') return;
    const partName = out.length === 0 || name === blankName ? name : `${name} (cont.)`;
    out.push({ name: clip(partName, limits.fieldName), value: current, inline });
    current = '';
  };
  for (const line of (value || '-').split('\n')) {
    const piece = clip(line, limits.fieldValue);
    if (current.length + piece.length + 1 > limits.fieldValue) flush();
    current = current === '' ? piece : `${current}\n${piece}`;
  }
  flush();
  return out;
}

/** Keeps an embed within Discord's per-part and total limits, trimming from the end. */
function fitEmbed(embed: APIEmbed & { description: string; fields: APIEmbedField[] }): APIEmbed {
  let description = clip(embed.description, limits.description);
  let fields = embed.fields.slice(0, limits.fields);
  const size = (): number => (embed.title?.length ?? 0) + description.length + fields.reduce((n, f) => n + f.name.length + f.value.length, 0);
  while (size() > limits.embedTotal && fields.length > 0) fields = fields.slice(0, -1);
  if (size() > limits.embedTotal) description = clip(description, limits.embedTotal - (embed.title?.length ?? 0));
  return { ...embed, description: description || blankName, fields };
}

function renderComponents(blocks: readonly Block[]): APIActionRowComponent<APIComponentInMessageActionRow>[] {
  const rows: APIActionRowComponent<APIComponentInMessageActionRow>[] = [];
  for (const block of blocks) {
    if (block.type === 'choices') {
      if (block.pick > 1) {
        // Choose-two: one menu where exactly `pick` options must be ticked, so a half answer cannot be sent.
        rows.push({
          type: ComponentType.ActionRow,
          components: [
            {
              type: ComponentType.StringSelect,
              custom_id: block.action,
              placeholder: `Choose ${block.pick} answers`,
              min_values: block.pick,
              max_values: block.pick,
              options: block.choices
                .slice(0, limits.selectOptions)
                .map((c, i) => ({ label: clip(`${c.key}) ${c.text}`, limits.selectLabel), value: String(i), ...(block.selected?.includes(i) ? { default: true } : {}) })),
            },
          ],
        });
      } else {
        const buttons = block.choices.map((c, i): Button => ({ id: choiceActionId(block.action, [i]), label: c.key, style: block.selected?.includes(i) ? 'primary' : 'secondary' }));
        rows.push(...buttonRows(buttons));
      }
    } else if (block.type === 'buttons') {
      rows.push(...buttonRows(block.buttons));
    }
  }
  return rows.slice(0, limits.rows);
}

function buttonRows(buttons: readonly Button[]): APIActionRowComponent<APIComponentInMessageActionRow>[] {
  const usable = buttons.filter((b) => b.id.length > 0 && b.id.length <= limits.customId);
  const rows: APIActionRowComponent<APIComponentInMessageActionRow>[] = [];
  for (let i = 0; i < usable.length; i += limits.buttonsPerRow) {
    rows.push({
      type: ComponentType.ActionRow,
      components: usable.slice(i, i + limits.buttonsPerRow).map(
        (b): APIButtonComponentWithCustomId => ({
          type: ComponentType.Button,
          custom_id: b.id,
          label: clip(b.label, limits.buttonLabel),
          style: b.style === 'primary' ? ButtonStyle.Primary : ButtonStyle.Secondary,
        }),
      ),
    });
  }
  return rows;
}

function firstLine(text: string): string {
  return text.split('\n').find((l) => l.trim() !== '')?.trim() ?? '';
}

/** Cuts text to a limit, marking the cut. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
