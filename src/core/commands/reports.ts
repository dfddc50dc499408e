import { encodeAction } from '../actions.js';
import type { Block, Button, Reply } from '../reply.js';
import { notice, reply } from '../reply.js';
import { withholdAt, type ReportedItem } from '../../store/reports.js';
import type { Command, CommandContext } from './spec.js';

/** Items listed in one reply; each gets a dismiss button (Discord: 5 rows of 5). */
const maxListed = 10;

export const reportsCommand: Command = {
  spec: {
    name: 'reports',
    description: 'Questions members reported as wrong: list them, or dismiss an item\'s reports',
    usage: '/reports [dismiss <item-id>]',
    admin: true,
    visibility: 'ephemeral',
    options: [{ name: 'dismiss', description: 'an item id such as ecs-05: dismiss its open reports', type: 'text', rest: true, maxLength: 80 }],
  },
  run(ctx, args) {
    const typed = args.dismiss?.trim().replace(/^dismiss(?:[:=]|\s+|$)/i, '').trim();
    return typed ? dismissReports(ctx, typed) : listReports(ctx);
  },
};

/** Dismisses an item's open reports, so it is served again; admins only, however it arrives. */
export function dismissReports({ deps, caller, community }: CommandContext, itemId: string): Reply {
  if (!caller.isAdmin) return notice('Only server or workspace admins can dismiss reports.');
  if (!/^[a-z0-9-]{1,60}$/.test(itemId)) return notice(`"${itemId.slice(0, 60)}" is not an item id. Item ids look like ecs-05; /reports lists the reported ones.`);
  const dismissed = community ? deps.store.write(() => deps.store.reports.dismiss(community.id, itemId, deps.clock.now())) : 0;
  if (dismissed === 0) return notice(`${itemId} has no open reports here. /reports lists the reported items.`);
  return notice(`Dismissed ${dismissed} report${dismissed === 1 ? '' : 's'} on ${itemId}; it is served here again.`);
}

function listReports({ deps, community }: CommandContext): Reply {
  const open = community ? deps.store.reports.open(community.id) : [];
  if (open.length === 0) return notice('No open reports. Members report a question with the "Report this question" button under it.');
  const shown = open.slice(0, maxListed);
  const sections = shown.map((item) => describe(deps.library.item(item.itemId)?.topic, item, (id) => deps.library.topic(id)?.title));
  const more = open.length > shown.length ? [`…and ${open.length - shown.length} more reported items.`] : [];
  const buttons: Button[] = shown.map((item) => ({ id: encodeAction({ type: 'dismiss-reports', itemId: item.itemId }), label: `Dismiss ${item.itemId}` }));
  const heading = `Reported questions (${open.length})`;
  const blocks: Block[] = [{ type: 'heading', text: heading }, ...sections.map((text): Block => ({ type: 'markdown', text })), { type: 'buttons', buttons }];
  if (more.length > 0) blocks.push({ type: 'context', text: more[0] ?? '' });
  return reply('ephemeral', blocks);
}

function describe(topicId: string | undefined, item: ReportedItem, title: (id: string) => string | undefined): string {
  const topic = topicId ? (title(topicId) ?? topicId) : 'retired item';
  const state = item.count >= withholdAt ? ' · not served here until dismissed' : '';
  const texts = item.texts.map((t) => `- "${t.text.replace(/\s+/g, ' ')}" (${t.member})`);
  return [`**${item.itemId}** · ${topic} · ${item.count} report${item.count === 1 ? '' : 's'}${state}`, ...texts].join('\n');
}
