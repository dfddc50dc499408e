import { webApi } from '@slack/bolt';
import type { Logger } from '../../log.js';

/**
 * A failed post or edit, as the daily quiz sees it: `retryAfterMs` when Slack rate-limited
 * us (try again after that), `permanent` when retrying cannot help (the channel is gone,
 * the bot is not in it, the message was deleted).
 */
export class SlackPostError extends Error {
  override name = 'SlackPostError';
  constructor(
    message: string,
    readonly code: string,
    readonly retryAfterMs?: number,
    readonly permanent = false,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

// Errors an admin can fix (invite the bot, pick another channel), not a retry.
const permanentErrors = new Set(['channel_not_found', 'not_in_channel', 'is_archived', 'message_not_found', 'cant_update_message', 'restricted_action', 'msg_too_long', 'invalid_blocks']);
const warnErrors = new Set(['channel_not_found', 'not_in_channel', 'message_not_found']);

/** Translates a Web API failure into a SlackPostError, logging the ones an admin should hear about. */
export function toPostError(error: unknown, what: { method: string; channelId: string; messageRef?: string }, log: Logger): SlackPostError {
  if (isCoded(error) && error.code === webApi.ErrorCode.RateLimitedError) {
    const seconds = (error as webApi.WebAPIRateLimitedError).retryAfter;
    log.warn({ ...what, retryAfterSeconds: seconds }, 'slack rate-limited a post; it will be retried');
    return new SlackPostError(`Slack rate-limited ${what.method}; retry after ${seconds} s`, 'rate_limited', seconds * 1000, false, { cause: error });
  }
  if (isCoded(error) && error.code === webApi.ErrorCode.PlatformError) {
    const code = String((error as webApi.WebAPIPlatformError).data.error);
    if (warnErrors.has(code)) {
      const hint = code === 'not_in_channel' ? 'invite the bot to the channel' : code === 'channel_not_found' ? 'the channel is gone or private; invite the bot or pick another' : 'the message was deleted';
      log.warn({ ...what, error: code }, `slack ${what.method} failed: ${code} (${hint})`);
    } else log.error({ ...what, error: code }, `slack ${what.method} failed`);
    return new SlackPostError(`Slack ${what.method} failed: ${code}`, code, undefined, permanentErrors.has(code), { cause: error });
  }
  log.error({ ...what, err: error }, `slack ${what.method} failed`);
  const message = error instanceof Error ? error.message : String(error);
  return new SlackPostError(`Slack ${what.method} failed: ${message}`, 'request_failed', undefined, false, { cause: error });
}

function isCoded(error: unknown): error is { code: string } {
  return typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string';
}
