import { DiscordAPIError, HTTPError, RateLimitError, RESTJSONErrorCodes } from 'discord.js';
import { ConfigError } from '../../config.js';
import { networkCode, UnreachableError } from '../unreachable.js';

/**
 * Discord answers that are part of normal life for a bot: an interaction that expired or
 * was answered elsewhere, a channel or message someone deleted, a permission an admin took
 * away. They are logged as warnings; anything else is an error.
 */
const expected = new Map<number, string>([
  [RESTJSONErrorCodes.UnknownChannel, 'the channel no longer exists'],
  [RESTJSONErrorCodes.UnknownMessage, 'the message no longer exists'],
  [RESTJSONErrorCodes.UnknownWebhook, 'the interaction token has expired'],
  [RESTJSONErrorCodes.UnknownInteraction, 'the interaction expired or was already answered'],
  [RESTJSONErrorCodes.InteractionHasAlreadyBeenAcknowledged, 'the interaction was already acknowledged'],
  [RESTJSONErrorCodes.MissingAccess, 'the bot cannot see that channel'],
  [RESTJSONErrorCodes.MissingPermissions, 'the bot lacks a permission there'],
  [RESTJSONErrorCodes.CannotSendMessagesToThisUser, 'the bot cannot message that user'],
  [RESTJSONErrorCodes.CannotEditMessageAuthoredByAnotherUser, 'the message was not posted by the bot'],
]);

/** Discord refused the body itself (a limit or a malformed field): resending it unchanged cannot work. */
export function isInvalidBody(error: unknown): boolean {
  return error instanceof DiscordAPIError && error.status === 400 && error.code === RESTJSONErrorCodes.InvalidFormBodyOrContentType;
}

/**
 * An error as it may be logged. Interaction and webhook URLs carry the interaction token,
 * which lets anyone answer as the bot for 15 minutes, so it is masked; request bodies
 * (whole messages) are left out.
 */
/** 403 Missing Permissions: e.g. a message with a file in a channel where the bot lacks Attach Files. */
export function isMissingPermissions(error: unknown): boolean {
  return error instanceof DiscordAPIError && error.status === 403 && error.code === RESTJSONErrorCodes.MissingPermissions;
}

export function loggableError(error: unknown): unknown {
  if (!(error instanceof DiscordAPIError || error instanceof HTTPError)) return error;
  return {
    type: error.name,
    message: error.message,
    status: error.status,
    ...(error instanceof DiscordAPIError ? { code: error.code } : {}),
    method: error.method,
    url: maskTokens(error.url),
    stack: error.stack === undefined ? undefined : maskTokens(error.stack),
  };
}

export function maskTokens(text: string): string {
  return text.replace(/\/(webhooks|interactions)\/(\d+)\/[^/?\s]+/g, '/$1/$2/[token]');
}

/** What a failed Discord call means, in a form a log line and a retry policy can use. */
export interface DiscordFailure {
  /** Discord's JSON error code, or the HTTP status when there is none. */
  code?: number | string;
  status?: number;
  /** A plain-words reason, for the log. */
  reason: string;
  /** An expected condition (deleted channel, expired interaction…): warn, do not alarm. */
  expected: boolean;
  /** Trying again later may work: rate limits, Discord's 5xx, timeouts, network errors. */
  retriable: boolean;
  retryAfterMs?: number;
}

export function describeFailure(error: unknown): DiscordFailure {
  if (error instanceof RateLimitError) {
    const wait = Math.max(error.retryAfter, error.timeToReset, 0);
    return { status: 429, reason: `rate limited on ${error.route}`, expected: true, retriable: true, retryAfterMs: Math.ceil(wait) };
  }
  if (error instanceof DiscordAPIError) {
    const known = typeof error.code === 'number' ? expected.get(error.code) : undefined;
    return {
      code: error.code,
      status: error.status,
      reason: known ?? error.message,
      expected: known !== undefined,
      retriable: error.status === 429 || error.status >= 500,
    };
  }
  if (error instanceof HTTPError) {
    return { status: error.status, reason: `Discord answered ${error.status} ${error.message}`, expected: true, retriable: true };
  }
  if (error instanceof Error && (error.name === 'AbortError' || 'code' in error)) {
    // Timeouts (AbortError) and socket errors (ECONNRESET, ECONNREFUSED…) are transient by nature.
    return { code: (error as { code?: string }).code, reason: error.message || error.name, expected: true, retriable: true };
  }
  return { reason: error instanceof Error ? error.message : String(error), expected: false, retriable: false };
}

/**
 * Thrown by the Discord poster's post and edit. The daily quiz reads `retryAfterMs` and
 * `retriable` to decide whether to try again; `permanent` failures (deleted channel,
 * removed access) will not fix themselves.
 */
export class DeliveryError extends Error {
  override name = 'DeliveryError';
  readonly code: number | string | undefined;
  readonly status: number | undefined;
  readonly retriable: boolean;
  readonly retryAfterMs: number | undefined;
  readonly permanent: boolean;

  constructor(what: string, failure: DiscordFailure, options: { cause: unknown }) {
    super(`${what}: ${failure.reason}`, options);
    this.code = failure.code;
    this.status = failure.status;
    this.retriable = failure.retriable;
    this.retryAfterMs = failure.retryAfterMs;
    this.permanent = !failure.retriable;
  }
}

/** A failed login as one readable start-up line: Discord out of reach, or the token refused. */
export function startFailure(error: unknown, apiUrl: string | undefined): unknown {
  if (networkCode(error)) return new UnreachableError('Discord', apiUrl ?? 'https://discord.com/api', error, 'DISCORD_API_URL');
  if (describeFailure(error).status === 401 || (error as { code?: unknown }).code === 'TokenInvalid') {
    return new ConfigError('DISCORD_TOKEN was refused by Discord; copy the token again from the Developer Portal (your application > Bot > Reset Token)');
  }
  return error;
}
