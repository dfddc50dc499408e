import type { webApi } from '@slack/bolt';
import { notice, type Reply } from '../../core/reply.js';
import type { Logger } from '../../log.js';

/**
 * Before /daily set stores a schedule, asks Slack whether the bot can post there. A private
 * channel the bot was not invited to would only fail the next morning, silently; this tells
 * the admin now. A channel of another workspace (an org-wide install sees them all) is
 * refused: a channel id is never trusted to belong to the workspace the command came from.
 * Any other trouble (rate limit, network) lets the command through.
 */
export async function dailyChannelProblem(client: webApi.WebClient, commandText: string, teamId: string, log: Logger): Promise<Reply | undefined> {
  const channel = /^set\s+<#([CG][A-Z0-9]{2,20})(?:\|[^>]*)?>/i.exec(commandText.trim())?.[1];
  if (!channel) return undefined;
  const mention = `<#${channel}>`;
  const invite = `Invite me first (type /invite @cloudstudy in that channel), then run /daily set again.`;
  try {
    const info = await client.conversations.info({ channel });
    const teams = [info.channel?.context_team_id, ...(info.channel?.shared_team_ids ?? [])].filter((t): t is string => typeof t === 'string' && t !== '');
    if (teams.length > 0 && !teams.includes(teamId)) return notice(`${mention} is not a channel of this workspace. Pick one from this workspace's list.`);
    if (info.channel?.is_archived) return notice(`${mention} is archived, so I cannot post there. Pick another channel.`);
    if (info.channel?.is_private && !info.channel.is_member) return notice(`${mention} is private and I am not in it. ${invite}`);
    return undefined;
  } catch (error) {
    const code = (error as { data?: { error?: string } }).data?.error;
    if (code === 'channel_not_found') return notice(`I cannot see that channel: it is private and I am not in it, or it no longer exists. ${invite}`);
    log.warn({ err: error, channel }, 'slack conversations.info failed; letting /daily set through unchecked');
    return undefined;
  }
}
