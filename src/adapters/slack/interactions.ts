import type { App, BlockAction, RespondFn, webApi } from '@slack/bolt';
import { notice, type Reply } from '../../core/reply.js';
import { choicesBlockId, ourActionIds, parseSlackActionId, pickActionId } from './action-ids.js';
import { askView } from './modal.js';
import { blockActionsPayload, firstIssue, type BlockActionsPayload } from './payloads.js';
import type { SlackContext } from './slack-context.js';
import { choiceActionId } from '../../core/actions.js';

/**
 * Button presses (block_actions). Every press is acked at once, then answered privately:
 * the verdict of a daily question goes only to whoever pressed, never to the channel.
 */
export function registerInteractions(app: App, ctx: SlackContext): void {
  app.action<BlockAction>({ type: 'block_actions', action_id: ourActionIds }, async ({ ack, body, respond, client }) => {
    await ack();
    const checked = blockActionsPayload.safeParse(body);
    if (!checked.success) {
      ctx.log.warn({ problem: firstIssue(checked.error) }, 'slack block_actions payload Slack would never send; ignored');
      return;
    }
    const press = checked.data;
    const parsed = parseSlackActionId(press.actions[0]?.action_id ?? '');
    // Ticking a checkbox of a choose-two question sends a payload too; only Submit counts.
    if (parsed.kind === 'pick') return;
    const teamId = press.team?.id ?? press.user.team_id ?? '';
    let reply: Reply;
    try {
      const caller = await ctx.callers.resolve({
        teamId,
        ...(press.team?.domain ? { teamName: press.team.domain } : {}),
        userId: press.user.id,
        userName: press.user.name ?? press.user.username,
        ...(press.channel?.id ? { channelId: press.channel.id } : {}),
      });
      const id = parsed.kind === 'core' ? parsed.id : submittedAnswer(press, parsed.answerAction);
      reply = id === undefined ? notice('Tick your choices first, then press Submit answer.') : await ctx.bot.handle(caller, { type: 'action', id });
    } catch (error) {
      ctx.log.error({ err: error, action: press.actions[0]?.action_id, team: teamId }, 'slack button press failed');
      reply = notice('Sorry, something went wrong on my side. Please try again in a moment.');
    }
    if (reply.ask && (await openForm(reply, press, client, ctx))) return;
    await deliverPrivately(reply.ask ? notice('That took me too long to open the form. Press the button again, please.') : reply, press, press.response_url ? respond : undefined, client, ctx);
  });
}

/** Opens the form a reply asks for (a modal, with the press's trigger_id, which Slack lets expire after 3 s); false when Slack refused. */
async function openForm(reply: Reply, press: BlockActionsPayload, client: webApi.WebClient, ctx: SlackContext): Promise<boolean> {
  if (!reply.ask || !press.trigger_id) return false;
  try {
    await client.views.open({ trigger_id: press.trigger_id, view: askView(reply.ask) });
    return true;
  } catch (error) {
    ctx.log.warn({ err: error, user: press.user.id }, 'slack could not open a form');
    return false;
  }
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
export function submittedAnswer(press: BlockActionsPayload, answerAction: string): string | undefined {
  const values = press.state?.values;
  // Own properties only: a block id such as "__proto__" names nothing.
  const block = values && Object.hasOwn(values, choicesBlockId(answerAction)) ? values[choicesBlockId(answerAction)] : undefined;
  const state = block && Object.hasOwn(block, pickActionId(answerAction)) ? block[pickActionId(answerAction)] : undefined;
  const picked = (state?.selected_options ?? []).map((o) => o.value).filter((v) => /^\d$/.test(v));
  if (picked.length === 0) return undefined;
  return choiceActionId(answerAction, [...new Set(picked.map(Number))].sort((a, b) => a - b));
}

/**
 * Sends a reply only the presser sees: through response_url as an ephemeral message (or in
 * place of the pressed one, when the reply says it replaces it), else
 * chat.postEphemeral in the channel, else (the App Home has neither) a direct message.
 */
async function deliverPrivately(reply: Reply, press: BlockActionsPayload, respond: RespondFn | undefined, client: webApi.WebClient, ctx: SlackContext): Promise<void> {
  const message = ctx.render(reply);
  const userId = press.user.id;
  if (respond) {
    try {
      // A practice exam is one private message each press replaces; response_url can replace
      // the (ephemeral) message the press came from, which no Web API method can.
      await respond(reply.replace ? { response_type: 'ephemeral', replace_original: true, ...message } : { response_type: 'ephemeral', replace_original: false, ...message });
      return;
    } catch (error) {
      ctx.log.warn({ err: error, user: userId }, 'slack response_url failed; falling back to chat.postEphemeral');
    }
  }
  const channel = press.channel?.id ?? press.container?.channel_id;
  try {
    if (channel) await client.chat.postEphemeral({ channel, user: userId, ...message });
    else await client.chat.postMessage({ channel: userId, ...message });
  } catch (error) {
    ctx.log.error({ err: error, user: userId, channel }, 'slack could not deliver a private reply');
  }
}
