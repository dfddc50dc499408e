import type { App } from '@slack/bolt';
import type { Logger } from '../../log.js';
import { bodyProblem } from './payloads.js';

/**
 * Socket Mode: each envelope's payload passes the same schemas as an HTTP body before Bolt
 * reads it (Bolt itself reads fields such as user.team_id and action_id before any
 * listener runs). One that fails is acked, so Slack does not redeliver it, and logged. In
 * HTTP mode the request guard has already answered such a body with 400.
 */
export function screenSocketEvents(app: App, log: Logger): void {
  const processEvent = app.processEvent.bind(app);
  app.processEvent = async (event) => {
    const body: unknown = event.body;
    const isCommand = typeof body === 'object' && body !== null && 'command' in body && !('type' in body);
    const problem = bodyProblem(body, isCommand ? 'command' : 'json');
    if (!problem) return processEvent(event);
    log.warn({ problem }, 'slack payload Slack would never send; acked and ignored');
    await event.ack();
  };
}
