import { createHash } from 'node:crypto';

/** Slack refuses to sign for longer: a request older than this is stale anyway. */
export const signatureWindowSeconds = 5 * 60;

export type Seen = 'new' | 'seen' | 'full';

/**
 * The signed HTTP requests of the last five minutes, by a hash of their body, so the same
 * request is never run twice: a replay of a captured request (its signature is still valid
 * for five minutes), or Slack's own retry of a request that was already taken. Every body
 * Slack sends is unique (a trigger_id, an event_id), so two genuine requests never share a
 * hash. Memory is bounded: an entry lives only while its signature is valid, and when the
 * table is full of live entries a new request is refused (503, Slack retries later) rather
 * than forgetting one that could then be replayed.
 */
export class SeenRequests {
  /** Body hash → when its signature stops being valid (ms); in insertion order. */
  private readonly expiry = new Map<string, number>();

  constructor(private readonly maxEntries = 50_000) {}

  /** Remembers the body; says whether it was new, already seen, or could not be remembered. */
  remember(body: Buffer, timestampSeconds: number, nowMs: number): Seen {
    this.forgetExpired(nowMs);
    const key = createHash('sha256').update(body).digest('base64');
    const until = this.expiry.get(key);
    if (until !== undefined && until > nowMs) return 'seen';
    if (this.expiry.size >= this.maxEntries) return 'full';
    this.expiry.set(key, (timestampSeconds + signatureWindowSeconds) * 1000);
    return 'new';
  }

  get size(): number {
    return this.expiry.size;
  }

  private forgetExpired(nowMs: number): void {
    // Requests arrive with timestamps a few seconds apart at most, so insertion order is close
    // enough to expiry order: the expired ones gather at the front.
    for (const [key, until] of this.expiry) {
      if (until > nowMs) break;
      this.expiry.delete(key);
    }
  }
}
