import { webApi } from '@slack/bolt';
import type { Logger } from '../../log.js';

/**
 * Every failed Slack call in one shape, as Bolt's CodedError: `code` is Slack's own error
 * ("channel_not_found"), or "rate_limited" / "request_failed"; `retryAfterMs` when Slack
 * rate-limited us (try again after that); `permanent` when retrying cannot help (the channel
 * is gone, the bot is not in it, the message was deleted). The daily quiz reads the last two.
 */
export class SlackError extends Error {
  override name = 'SlackError';
  constructor(
    message: string,
    readonly code: string,
    readonly retryAfterMs?: number,
    readonly permanent = false,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  /** Whether Slack itself answered with an error (as opposed to rate limits or an unreachable API). */
  get refused(): boolean {
    return this.code !== 'rate_limited' && this.code !== 'request_failed';
  }
}

// Errors an admin can fix (invite the bot, pick another channel), not a retry.
const permanentErrors = new Set(['channel_not_found', 'not_in_channel', 'is_archived', 'message_not_found', 'cant_update_message', 'restricted_action', 'msg_too_long', 'invalid_blocks']);
const warnErrors = new Set(['channel_not_found', 'not_in_channel', 'message_not_found']);
/** Errors after which searching a channel's history cannot work: post afresh instead. */
export const unsearchable: ReadonlySet<string> = new Set(['missing_scope', 'not_in_channel', 'channel_not_found', 'is_archived']);

/** Any thrown value from a Web API call of `method`, as a SlackError. */
export function asSlackError(error: unknown, method: string): SlackError {
  if (error instanceof SlackError) return error;
  if (isCoded(error) && error.code === webApi.ErrorCode.RateLimitedError) {
    const seconds = (error as webApi.WebAPIRateLimitedError).retryAfter;
    return new SlackError(`Slack rate-limited ${method}; retry after ${seconds} s`, 'rate_limited', seconds * 1000, false, { cause: error });
  }
  if (isCoded(error) && error.code === webApi.ErrorCode.PlatformError) {
    const code = String((error as webApi.WebAPIPlatformError).data.error);
    return new SlackError(`Slack ${method} failed: ${code}`, code, undefined, permanentErrors.has(code), { cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new SlackError(`Slack ${method} failed: ${message}`, 'request_failed', undefined, false, { cause: error });
}

/** Slack's own error code when Slack refused the call ("invalid_auth", "channel_not_found"), else undefined. */
export function refusalCode(error: unknown, method: string): string | undefined {
  const failure = asSlackError(error, method);
  return failure.refused ? failure.code : undefined;
}

/** A failed post, edit or history read as the daily quiz sees it, logging the ones an admin should hear about. */
export function toPostError(error: unknown, what: { method: string; channelId: string; messageRef?: string }, log: Logger): SlackError {
  const failure = asSlackError(error, what.method);
  if (failure.code === 'rate_limited') {
    log.warn({ ...what, retryAfterSeconds: (failure.retryAfterMs ?? 0) / 1000 }, 'slack rate-limited a post; it will be retried');
  } else if (!failure.refused) {
    log.error({ ...what, err: error }, `slack ${what.method} failed`);
  } else if (warnErrors.has(failure.code)) {
    const code = failure.code;
    const hint = code === 'not_in_channel' ? 'invite the bot to the channel' : code === 'channel_not_found' ? 'the channel is gone or private; invite the bot or pick another' : 'the message was deleted';
    log.warn({ ...what, error: code }, `slack ${what.method} failed: ${code} (${hint})`);
  } else log.error({ ...what, error: failure.code }, `slack ${what.method} failed`);
  return failure;
}

function isCoded(error: unknown): error is { code: string } {
  return typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string';
}
