import type { RESTOptions } from 'discord.js';

export interface RestTuning {
  /** Per-attempt time limit. */
  timeoutMs?: number;
  /** Extra attempts after a 5xx, a timeout or a network error. */
  retries?: number;
}

/**
 * How the bot talks to Discord's REST API. @discordjs/rest's defaults wait out every 429
 * and retry forever, so a storm of rate limits would hang a daily post silently. Here every
 * rate limit is rejected at once as a RateLimitError (the daily quiz owns the retry, using
 * retryAfterMs), and 5xx/timeouts get a bounded number of quick retries before surfacing.
 */
export function restOptions(apiUrl: string | undefined, tuning: RestTuning = {}): Partial<RESTOptions> {
  return {
    // discord.js appends /v10 to this base; a trailing slash would double it.
    ...(apiUrl ? { api: apiUrl.replace(/\/+$/, '') } : {}),
    timeout: tuning.timeoutMs ?? 10_000,
    retries: tuning.retries ?? 2,
    rejectOnRateLimit: () => true,
  };
}
