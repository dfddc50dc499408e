import type { AllMiddlewareArgs, AnyMiddlewareArgs } from '@slack/bolt';
import type { Logger } from '../../log.js';

const restarting = 'cloudstudy is restarting and did not take that. Please try again in a minute.';

/**
 * During shutdown: a command or press is acked with a short private "come back" instead of
 * being started, so nothing is half done and Slack shows no error (a submitted form, in the form). Events need nothing:
 * Bolt acked them already, and a Home tab opened now is drawn on the next visit.
 */
export async function refuseWhileStopping(args: AnyMiddlewareArgs & AllMiddlewareArgs, log: Logger): Promise<void> {
  try {
    if ('command' in args) await args.ack({ response_type: 'ephemeral', text: restarting });
    // A submitted form is answered in the form itself; its text was not taken.
    else if ('view' in args && args.body.type === 'view_submission') {
      await args.ack({ response_action: 'update', view: { type: 'modal', title: { type: 'plain_text', text: 'cloudstudy' }, close: { type: 'plain_text', text: 'Close' }, blocks: [{ type: 'section', text: { type: 'plain_text', text: `${restarting} Your text was not sent.` } }] } });
    }
    else if ('action' in args) {
      await args.ack();
      // The App Home has no response_url: the member simply presses again later.
      if (typeof args.respond === 'function' && args.body.response_url) await args.respond({ response_type: 'ephemeral', replace_original: false, text: restarting });
    }
  } catch (error) {
    log.warn({ err: error }, 'slack request arrived during shutdown and could not be refused');
  }
}
