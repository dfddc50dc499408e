import type { Json } from './fake-discord-payloads.js';

/** A message as a member sees it, read out of the JSON the bot sent, for assertions. */
export interface MessageView {
  id: string;
  ephemeral: boolean;
  content: string;
  embeds: Json[];
  /** Content, embed title, description and fields, and component labels, as one string. */
  text: string;
  buttons: Array<{ customId: string; label: string; style: number }>;
  select?: { customId: string; min: number; max: number; options: Array<{ label: string; value: string }> };
  raw: Json;
}

export function viewMessage(message: Json): MessageView {
  const embeds = (message.embeds as Json[] | undefined) ?? [];
  const rows = (message.components as Json[] | undefined) ?? [];
  const components = rows.flatMap((r) => (r.components as Json[] | undefined) ?? []);
  const buttons = components.filter((c) => c.type === 2).map((c) => ({ customId: String(c.custom_id), label: String(c.label), style: Number(c.style) }));
  const menu = components.find((c) => c.type === 3);
  const embedText = embeds.flatMap((e) => [
    typeof e.title === 'string' ? e.title : '',
    typeof e.description === 'string' ? e.description : '',
    ...((e.fields as Json[] | undefined) ?? []).flatMap((f) => [String(f.name), String(f.value)]),
    typeof (e.footer as Json | undefined)?.text === 'string' ? String((e.footer as Json).text) : '',
  ]);
  const content = typeof message.content === 'string' ? message.content : '';
  return {
    id: String(message.id),
    ephemeral: (Number(message.flags ?? 0) & 64) !== 0,
    content,
    embeds,
    text: [content, ...embedText, ...buttons.map((b) => b.label)].filter((t) => t !== '').join('\n'),
    buttons,
    ...(menu
      ? {
          select: {
            customId: String(menu.custom_id),
            min: Number(menu.min_values),
            max: Number(menu.max_values),
            options: ((menu.options as Json[] | undefined) ?? []).map((o) => ({ label: String(o.label), value: String(o.value) })),
          },
        }
      : {}),
    raw: message,
  };
}
