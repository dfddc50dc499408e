import { DefaultRestOptions, type RESTOptions, type RateLimitData, type ResponseLike } from 'discord.js';

export interface RestTuning {
  /** Per-attempt time limit. */
  timeoutMs?: number;
  /** Extra attempts after a 5xx, a timeout or a network error. */
  retries?: number;
  /** The bot's global limit: Discord's is 50 requests a second unless Discord raised it for the bot. */
  requestsPerSecond?: number;
}

/** Answers an interaction callback itself (the HTTP interactions endpoint), or declines with undefined. */
export type CallbackSink = (url: string, body: string) => ResponseLike | undefined;

/** A wait known in advance that is longer than this is refused rather than queued: the daily quiz retries instead. */
export const maxQueuedWaitMs = 10_000;

/**
 * How the bot talks to Discord's REST API.
 *
 * Waits that discord.js knows before sending (a bucket the X-RateLimit headers said is
 * empty, the global requests-per-second) are queued when short, so a burst of daily posts
 * goes out as fast as Discord allows instead of provoking 429s. A 429 Discord actually sends
 * is rejected at once as a RateLimitError (the daily quiz owns that retry, using
 * retryAfterMs), and so is a known wait longer than maxQueuedWaitMs: @discordjs/rest's
 * default of waiting out every limit would hang a daily post silently. 5xx and timeouts
 * get a bounded number of quick retries before surfacing.
 */
export function restOptions(apiUrl: string | undefined, tuning: RestTuning = {}, callbacks?: CallbackSink): Partial<RESTOptions> {
  // A 429 response is seen here first; its rate-limit check follows for the same URL.
  const answered429 = new Map<string, number>();
  const makeRequest: RESTOptions['makeRequest'] = async (url, init) => {
    const own = callbacks && typeof init.body === 'string' ? callbacks(url, init.body) : undefined;
    if (own) return own;
    const response = await DefaultRestOptions.makeRequest(url, init);
    if (response.status === 429) answered429.set(url, (answered429.get(url) ?? 0) + 1);
    return response;
  };
  const rejectOnRateLimit = (data: RateLimitData): boolean => {
    const seen = answered429.get(data.url) ?? 0;
    if (seen > 0) {
      if (seen === 1) answered429.delete(data.url);
      else answered429.set(data.url, seen - 1);
      return true;
    }
    return data.timeToReset > maxQueuedWaitMs;
  };
  return {
    // discord.js appends /v10 to this base; a trailing slash would double it.
    ...(apiUrl ? { api: apiUrl.replace(/\/+$/, '') } : {}),
    timeout: tuning.timeoutMs ?? 10_000,
    retries: tuning.retries ?? 2,
    globalRequestsPerSecond: tuning.requestsPerSecond ?? 50,
    rejectOnRateLimit,
    makeRequest,
  };
}
