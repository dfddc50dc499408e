import type { App, types, ViewSubmitAction } from '@slack/bolt';
import { notice, type Reply, type TextRequest } from '../../core/reply.js';
import { clamp, toPlain } from './mrkdwn.js';
import { firstIssue, viewSubmissionPayload, type ViewSubmissionPayload } from './payloads.js';
import type { SlackContext } from './slack-context.js';

/** Every modal of ours carries this callback id; the core's action id rides in private_metadata. */
export const askCallbackId = 'cloudstudy-ask';
const textBlockId = 'text';
const textActionId = 'text';

/** Slack's modal limits: title, submit and close 24 characters, a plain_text_input 3000, a placeholder 150. */
const modalLimits = { title: 24, placeholder: 150, label: 2000, input: 3000, metadata: 3000 } as const;

/** A Reply's `ask` as a Slack modal (views.open) with one multi-line input. */
export function askView(ask: TextRequest): types.ModalView {
  return {
    type: 'modal',
    callback_id: askCallbackId,
    private_metadata: ask.action.slice(0, modalLimits.metadata),
    title: { type: 'plain_text', text: clamp(toPlain(ask.title), modalLimits.title) },
    submit: { type: 'plain_text', text: 'Send' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      {
        type: 'input',
        block_id: textBlockId,
        label: { type: 'plain_text', text: clamp(ask.label, modalLimits.label) },
        element: {
          type: 'plain_text_input',
          action_id: textActionId,
          multiline: true,
          min_length: 1,
          max_length: Math.min(ask.maxLength, modalLimits.input),
          placeholder: { type: 'plain_text', text: clamp(ask.placeholder, modalLimits.placeholder) },
        },
      },
    ],
  };
}

/** The core's answer to a submitted modal, shown in place of the form. */
function resultView(reply: Reply, ctx: SlackContext): types.ModalView {
  return { type: 'modal', title: { type: 'plain_text', text: 'cloudstudy' }, close: { type: 'plain_text', text: 'Close' }, blocks: ctx.render(reply, 100).blocks };
}

/**
 * view_submission of our modals: the text goes to the core with the action id the modal
 * carried. Neither is trusted: a forged payload can name any action and any text, and the
 * core checks both against the caller's own workspace.
 */
export function registerViewSubmissions(app: App, ctx: SlackContext): void {
  app.view<ViewSubmitAction>({ callback_id: askCallbackId, type: 'view_submission' }, async ({ ack, body }) => {
    const checked = viewSubmissionPayload.safeParse(body);
    if (!checked.success) {
      ctx.log.warn({ problem: firstIssue(checked.error) }, 'slack view_submission payload Slack would never send; refused');
      await ack({ response_action: 'update', view: resultView(notice('That form is not one I recognise. Press the button again.'), ctx) });
      return;
    }
    await ack({ response_action: 'update', view: resultView(await submitted(checked.data, ctx), ctx) });
  });
}

async function submitted(form: ViewSubmissionPayload, ctx: SlackContext): Promise<Reply> {
  const teamId = form.team?.id ?? form.user.team_id ?? '';
  const text = form.view.state.values[textBlockId]?.[textActionId]?.value;
  if (typeof text !== 'string') return notice('That form came back without its text. Press the button again and fill it in.');
  try {
    const who = { teamId, ...(form.team?.domain ? { teamName: form.team.domain } : {}), userId: form.user.id, userName: form.user.name ?? form.user.username };
    const caller = await ctx.callers.resolve(who);
    return await ctx.bot.handle(caller, { type: 'submit', id: form.view.private_metadata, text });
  } catch (error) {
    ctx.log.error({ err: error, team: teamId }, 'slack form submission failed');
    return notice('Sorry, something went wrong on my side. Please try again in a moment.');
  }
}
