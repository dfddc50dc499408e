import { encodeAction } from './actions.js';
import type { CommandContext } from './commands/spec.js';
import { notice, reply, type Button, type Reply } from './reply.js';
import type { Post } from '../store/posts.js';
import { maxReportLength, withholdAt } from '../store/reports.js';

export const reportButton = (postId: number): Button => ({ id: encodeAction({ type: 'report', postId }), label: 'Report this question' });

const notHere = notice('That question is not available here. It may belong to another server or workspace.');

/** The post a member may report: one of their community, a daily post or their own question. */
function reportablePost(ctx: CommandContext, postId: number): Post | undefined {
  const { deps, caller, community } = ctx;
  const post = community && deps.store.posts.get(community.id, postId);
  if (!community || !post || !deps.library.item(post.itemId)) return undefined;
  if (post.memberId === null) return post;
  return deps.store.communities.findMember(community.id, caller.userId)?.id === post.memberId ? post : undefined;
}

/** A press of "Report this question": asks for what is wrong, as a form the adapter shows. */
export function askForReport(ctx: CommandContext, postId: number): Reply {
  const post = reportablePost(ctx, postId);
  if (!post) return notHere;
  const text = `What is wrong with question ${post.itemId}? Say it in a few words (up to ${maxReportLength} characters).`;
  return reply('ephemeral', [{ type: 'markdown', text }], {
    ask: {
      action: encodeAction({ type: 'report', postId }),
      title: 'Report this question',
      label: 'What is wrong with it?',
      placeholder: 'e.g. B is also right since 2024; the source says…',
      maxLength: maxReportLength,
    },
  });
}

/** Why a report text cannot be stored, or its cleaned form. */
export function checkReportText(raw: string): { text: string } | { error: string } {
  const text = raw.replace(/\r\n?/g, '\n').trim();
  if (text.length === 0) return { error: 'Your report is empty. Say in a few words what is wrong with the question, then send it again.' };
  // Tabs and line breaks are fine; other control and direction-override characters would garble the admins' list.
  if (/[\u0000-\u0008\u000b-\u001f\u007f\u202a-\u202e\u2066-\u2069]/.test(text)) {
    return { error: 'Your report has control characters I do not store. Type it again as plain text.' };
  }
  if (text.length > maxReportLength) return { error: `Your report is too long (${text.length} characters; the limit is ${maxReportLength}). Shorten it and send it again.` };
  return { text };
}

/** A submitted report: checked, then stored with the member in one committed write. */
export function submitReport(ctx: CommandContext, postId: number, raw: string): Reply {
  const checked = checkReportText(raw);
  if ('error' in checked) return notice(checked.error);
  const post = reportablePost(ctx, postId);
  const { deps, caller } = ctx;
  if (!ctx.community || !post) return notHere;
  const community = ctx.community;
  const now = deps.clock.now();
  // The thanks is shown only once the report is committed.
  const stored = deps.store.write(() => {
    const member = deps.store.communities.ensureMember(community.id, caller.userId, caller.displayName, now);
    return deps.store.reports.report(community.id, post.itemId, member.id, checked.text, now);
  });
  const lines = [stored.replaced ? `Your report on ${post.itemId} is updated.` : `Thanks: your report on ${post.itemId} is recorded. Admins see it with /reports.`];
  if (stored.count >= withholdAt) lines.push(`${stored.count} members have reported it, so it is set aside here until an admin looks at it.`);
  return notice(lines.join(' '));
}
