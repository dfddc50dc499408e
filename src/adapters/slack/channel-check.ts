import type { webApi } from '@slack/bolt';
import { parseChannel } from '../../core/daily/channel-ref.js';
import type { CommandSpec, OptionSpec } from '../../core/commands/spec.js';
import { notice, type Reply } from '../../core/reply.js';
import type { Logger } from '../../log.js';
import { refusalCode } from './slack-errors.js';

/** A command as the core parsed it: the channels are checked on exactly what the core will act on. */
export interface ParsedInput {
  name: string;
  sub?: string;
  args: Readonly<Record<string, string | undefined>>;
}

/**
 * Every channel a command names is checked with conversations.info before the core sees
 * it, whatever form it was typed in (a link, a bare id, name:value). A channel id is never
 * trusted to belong to the workspace the command came from: an org-wide install sees every
 * workspace's channels. Anything short of Slack confirming the channel is this workspace's
 * refuses the command (a rate limit, a network error, an answer without a workspace), so
 * nothing is ever written for a channel we could not place. For a channel the bot will
 * post in, it also says now what would otherwise fail silently the next morning.
 */
export async function channelProblem(client: webApi.WebClient, specs: readonly CommandSpec[], input: ParsedInput, teamId: string, log: Logger): Promise<Reply | undefined> {
  for (const option of channelOptions(specs, input)) {
    const raw = input.args[option.name];
    if (raw === undefined) continue;
    const channel = parseChannel('slack', raw);
    // The core refuses it with the same parser and says what to type instead.
    if (!channel.ok) continue;
    const problem = await checkChannel(client, channel.value.id, teamId, option.posts === true, log);
    if (problem) return problem;
  }
  return undefined;
}

function channelOptions(specs: readonly CommandSpec[], input: ParsedInput): readonly OptionSpec[] {
  const spec = specs.find((s) => s.name === input.name);
  const options = input.sub === undefined ? spec?.options : spec?.subcommands?.find((s) => s.name === input.sub)?.options;
  return (options ?? []).filter((o) => o.type === 'channel');
}

async function checkChannel(client: webApi.WebClient, channel: string, teamId: string, posts: boolean, log: Logger): Promise<Reply | undefined> {
  const mention = `<#${channel}>`;
  const invite = 'Invite me first (type /invite @cloudstudy in that channel), then run the command again.';
  let info: webApi.ConversationsInfoResponse['channel'];
  try {
    info = (await client.conversations.info({ channel })).channel;
  } catch (error) {
    const code = refusalCode(error, 'conversations.info');
    // pause, resume and remove act only on this workspace's own schedule for that id, so a
    // channel deleted since it was set up can still be paused or removed; only a channel the
    // bot is to post in must be confirmed.
    if (code === 'channel_not_found' && !posts) return undefined;
    if (code === 'channel_not_found') return notice(`I cannot see that channel: it is private and I am not in it, or it no longer exists. ${invite}`);
    log.warn({ err: error, channel }, 'slack conversations.info failed; the command naming the channel was refused');
    return couldNotCheck;
  }
  const teams = [info?.context_team_id, ...(info?.shared_team_ids ?? [])].filter((t): t is string => typeof t === 'string' && t !== '');
  if (teams.length === 0) {
    log.warn({ channel }, 'slack conversations.info named no workspace for the channel; the command was refused');
    return couldNotCheck;
  }
  if (!teams.includes(teamId)) return notice(`${mention} is not a channel of this workspace. Pick one from this workspace's list.`);
  if (!posts) return undefined;
  if (info?.is_archived) return notice(`${mention} is archived, so I cannot post there. Pick another channel.`);
  if (info?.is_private && !info.is_member) return notice(`${mention} is private and I am not in it. ${invite}`);
  return undefined;
}

const couldNotCheck = notice('I could not check that channel with Slack just now, so nothing was changed. Please try again in a minute.');
