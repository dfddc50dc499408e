/** The first retry waits this long; each further one doubles it, up to the cap. */
export const firstRetryMs = 5_000;
export const maxRetryMs = 15 * 60_000;
/** After this many failed reveal edits we stop trying and log it: the message is likely gone. */
export const maxRevealAttempts = 8;

/**
 * How long to wait before attempt `attempt + 1`. A platform that says how long to wait
 * (a 429's Retry-After, surfaced by the adapter as `retryAfterMs` on the error) is obeyed.
 */
export function backoffMs(attempt: number, error: unknown): number {
  const retryAfter = retryAfterOf(error);
  if (retryAfter !== undefined) return Math.min(Math.max(retryAfter, 1_000), 24 * 60 * 60_000);
  return Math.min(firstRetryMs * 2 ** Math.max(0, attempt - 1), maxRetryMs);
}

/** The platform said how long to wait (a 429): it refused the call before acting on it. */
export function isRateLimited(error: unknown): boolean {
  return retryAfterOf(error) !== undefined;
}

function retryAfterOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('retryAfterMs' in error)) return undefined;
  const value = (error as { retryAfterMs: unknown }).retryAfterMs;
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

/** A short, log- and database-friendly description of a failure. */
export function errorText(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/** The adapter says retrying cannot help (deleted channel, message gone, bot removed). */
export function isPermanent(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { permanent?: unknown }).permanent === true;
}
