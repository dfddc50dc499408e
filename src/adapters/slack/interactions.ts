import type { App, BlockAction, RespondFn, webApi } from '@slack/bolt';
import { notice, type Reply } from '../../core/reply.js';
import { choicesBlockId, ourActionIds, parseSlackActionId, pickActionId } from './action-ids.js';
import type { SlackContext } from './slack-context.js';

/**
 * Button presses (block_actions). Every press is acked at once, then answered privately:
 * the verdict of a daily question goes only to whoever pressed, never to the channel.
 */
export function registerInteractions(app: App, ctx: SlackContext): void {
  app.action<BlockAction>({ type: 'block_actions', action_id: ourActionIds }, async ({ ack, body, action, respond, client }) => {
    await ack();
    const parsed = parseSlackActionId(action.action_id);
    // Ticking a checkbox of a choose-two question sends a payload too; only Submit counts.
    if (parsed.kind === 'pick') return;

    const teamId = body.team?.id ?? body.user.team_id;
    if (!teamId) {
      ctx.log.warn({ action: action.action_id }, 'slack block_actions payload without a team; ignored');
      return;
    }
    let reply: Reply;
    try {
      const caller = await ctx.callers.resolve({
        teamId,
        ...(body.team?.domain ? { teamName: body.team.domain } : {}),
        userId: body.user.id,
        userName: body.user.name ?? body.user.username,
        ...(body.channel?.id ? { channelId: body.channel.id } : {}),
      });
      const id = parsed.kind === 'core' ? parsed.id : submittedAnswer(body, parsed.answerAction);
      reply = id === undefined ? notice('Tick your choices first, then press Submit answer.') : await ctx.bot.handle(caller, { type: 'action', id });
    } catch (error) {
      ctx.log.error({ err: error, action: action.action_id, team: teamId }, 'slack button press failed');
      reply = notice('Sorry, something went wrong on my side. Please try again in a moment.');
    }
    await deliverPrivately(reply, body, body.response_url ? respond : undefined, client, ctx);
  });
}

/**
 * Acks any other block_actions (a button from an older version of the bot, or another
 * app's): unacked, Slack shows the member an error and, in Socket Mode, redelivers it.
 */
export function registerUnknownActions(app: App, ctx: SlackContext): void {
  app.action<BlockAction>({ type: 'block_actions' }, async ({ ack, action }) => {
    if (ourActionIds.test(action.action_id)) return;
    await ack();
    ctx.log.debug({ action: action.action_id }, 'slack button press with an action id that is not ours; acked and ignored');
  });
}

/** The answer action of a choose-two submit: `${action}:${ticked indexes}`, or undefined when nothing is ticked. */
export function submittedAnswer(body: BlockAction, answerAction: string): string | undefined {
  const state = body.state?.values[choicesBlockId(answerAction)]?.[pickActionId(answerAction)];
  const picked = (state?.selected_options ?? []).map((o) => o.value).filter((v): v is string => typeof v === 'string' && /^\d$/.test(v));
  if (picked.length === 0) return undefined;
  return `${answerAction}:${[...new Set(picked)].sort().join('+')}`;
}

/**
 * Sends a reply only the presser sees: through response_url as an ephemeral message, else
 * chat.postEphemeral in the channel, else (the App Home has neither) a direct message.
 */
async function deliverPrivately(reply: Reply, body: BlockAction, respond: RespondFn | undefined, client: webApi.WebClient, ctx: SlackContext): Promise<void> {
  const message = ctx.render(reply);
  const userId = body.user.id;
  if (respond) {
    try {
      await respond({ response_type: 'ephemeral', replace_original: false, ...message });
      return;
    } catch (error) {
      ctx.log.warn({ err: error, user: userId }, 'slack response_url failed; falling back to chat.postEphemeral');
    }
  }
  const channel = body.channel?.id ?? (typeof body.container.channel_id === 'string' ? body.container.channel_id : undefined);
  try {
    if (channel) await client.chat.postEphemeral({ channel, user: userId, ...message });
    else await client.chat.postMessage({ channel: userId, ...message });
  } catch (error) {
    ctx.log.error({ err: error, user: userId, channel }, 'slack could not deliver a private reply');
  }
}
