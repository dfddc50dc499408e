import type { Db } from './db.js';
import { requireTransaction } from './store-errors.js';
import type { Platform } from './communities.js';
import { toPost, type Post } from './posts.js';

/** A daily post with the scheduler's bookkeeping and its community's platform. */
export interface DailyPost extends Post {
  platform: Platform;
  attempts: number;
  retryAt: number | null;
  revealedAt: number | null;
  countShown: number;
  countEditedAt: number | null;
}

export interface DailyClaim {
  communityId: number;
  scheduleId: number;
  channelId: string;
  localDay: string;
  itemId: string;
  opensAt: number;
  closesAt: number;
}

interface DailyPostRow {
  id: number;
  community_id: number;
  kind: 'daily';
  item_id: string;
  member_id: number | null;
  schedule_id: number | null;
  channel_id: string | null;
  local_day: string | null;
  status: 'pending' | 'open' | 'closed';
  message_ref: string | null;
  opens_at: number;
  closes_at: number | null;
  answer_count: number;
  correct_count: number;
  platform: Platform;
  attempts: number;
  retry_at: number | null;
  revealed_at: number | null;
  count_shown: number;
  count_edited_at: number | null;
}

const toDailyPost = (r: DailyPostRow): DailyPost => ({
  ...toPost(r),
  platform: r.platform,
  attempts: r.attempts,
  retryAt: r.retry_at,
  revealedAt: r.revealed_at,
  countShown: r.count_shown,
  countEditedAt: r.count_edited_at,
});

const select = `SELECT p.*, c.platform FROM posts p JOIN communities c ON c.id = p.community_id WHERE p.kind = 'daily'`;

/**
 * Ends a channel's earlier open windows. The unary + keeps SQLite on the schedule's index:
 * left to itself it picks (status, closes_at), which at the top of the hour, with thousands
 * of posts pending at once, made each claim scan all of them.
 */
export const closeEarlierSql = `UPDATE posts SET closes_at = @now WHERE kind = 'daily' AND schedule_id = @schedule AND local_day <> @day
       AND +status IN ('pending', 'open') AND +closes_at > @now`;

/**
 * The daily posts' lifecycle: claimed ('pending') before any platform call, 'open' once
 * the platform returned its message reference, 'closed' at the end of its window, and
 * revealed once the closed post shows its answer.
 */
export class DailyPostStore {
  private readonly claimStmt;
  private readonly getStmt;
  private readonly capStmt;
  private readonly toPublishStmt;
  private readonly expiredPendingStmt;
  private readonly expiredOpenStmt;
  private readonly unrevealedStmt;
  private readonly staleCountStmt;
  private readonly leaseStmt;
  private readonly notSentStmt;
  private readonly hasPostStmt;
  private readonly openStmt;
  private readonly retryStmt;
  private readonly abandonStmt;
  private readonly closeStmt;
  private readonly revealedStmt;
  private readonly countShownStmt;
  private readonly wakeStmt;

  constructor(private readonly db: Db) {
    this.claimStmt = db.prepare<[number, string, number, string, string, number, number, number], { id: number }>(
      `INSERT INTO posts (community_id, kind, item_id, schedule_id, channel_id, local_day, status, opens_at, closes_at, created_at)
       VALUES (?, 'daily', ?, ?, ?, ?, 'pending', ?, ?, ?)
       ON CONFLICT (schedule_id, local_day) DO NOTHING RETURNING id`,
    );
    this.getStmt = db.prepare<[number], DailyPostRow>(`${select} AND p.id = ?`);
    this.capStmt = db.prepare(closeEarlierSql);
    this.toPublishStmt = db.prepare<[number, number], DailyPostRow>(
      `${select} AND p.status = 'pending' AND p.closes_at > ? AND coalesce(p.retry_at, 0) <= ? ORDER BY p.id`,
    );
    this.expiredPendingStmt = db.prepare<[number], DailyPostRow>(`${select} AND p.status = 'pending' AND p.closes_at <= ? ORDER BY p.id`);
    this.expiredOpenStmt = db.prepare<[number], DailyPostRow>(`${select} AND p.status = 'open' AND p.closes_at <= ? ORDER BY p.id`);
    this.unrevealedStmt = db.prepare<[number], DailyPostRow>(
      `${select} AND p.status = 'closed' AND p.revealed_at IS NULL AND p.message_ref IS NOT NULL AND coalesce(p.retry_at, 0) <= ? ORDER BY p.id`,
    );
    this.staleCountStmt = db.prepare<[number, number], DailyPostRow>(
      `${select} AND p.status = 'open' AND p.message_ref IS NOT NULL AND p.answer_count <> p.count_shown
       AND coalesce(p.count_edited_at, 0) + ? <= ? ORDER BY p.id`,
    );
    this.leaseStmt = db
      .prepare<[number, number, number], number>(
        `UPDATE posts SET attempts = attempts + 1, retry_at = ? WHERE id = ? AND coalesce(retry_at, 0) <= ?
         AND (status = 'pending' OR (status = 'closed' AND revealed_at IS NULL)) RETURNING attempts`,
      )
      .pluck();
    this.hasPostStmt = db.prepare<[number, string], number>('SELECT count(*) FROM posts WHERE schedule_id = ? AND local_day = ?').pluck();
    this.openStmt = db.prepare(
      `UPDATE posts SET message_ref = ?, status = 'open', attempts = 0, retry_at = NULL, last_error = NULL, count_shown = ?, count_edited_at = ?
       WHERE id = ? AND status = 'pending'`,
    );
    this.retryStmt = db.prepare('UPDATE posts SET retry_at = ?, last_error = ? WHERE id = ?');
    this.notSentStmt = db.prepare('UPDATE posts SET retry_at = ?, last_error = ?, attempts = max(attempts - 1, 0) WHERE id = ?');
    this.abandonStmt = db.prepare(`UPDATE posts SET status = 'closed', revealed_at = ?, retry_at = NULL, last_error = coalesce(?, last_error) WHERE id = ? AND status = 'pending'`);
    this.closeStmt = db.prepare(`UPDATE posts SET status = 'closed', attempts = 0, retry_at = NULL WHERE id = ? AND status = 'open'`);
    this.revealedStmt = db.prepare('UPDATE posts SET revealed_at = ?, retry_at = NULL, last_error = ? WHERE id = ?');
    this.countShownStmt = db.prepare('UPDATE posts SET count_shown = ?, count_edited_at = ? WHERE id = ?');
    // Posts of platforms without a poster this run wait; only those with one can wake us.
    this.wakeStmt = db
      .prepare<[number, string], number | null>(
        `SELECT min(CASE
           WHEN p.status = 'pending' THEN min(coalesce(p.retry_at, 0), p.closes_at)
           WHEN p.status = 'open' AND p.message_ref IS NOT NULL AND p.answer_count <> p.count_shown
             THEN min(p.closes_at, coalesce(p.count_edited_at, 0) + ?)
           WHEN p.status = 'open' THEN p.closes_at
           ELSE coalesce(p.retry_at, 0) END)
         FROM posts p JOIN communities c ON c.id = p.community_id
         WHERE p.kind = 'daily' AND c.platform IN (SELECT value FROM json_each(?))
           AND (p.status <> 'closed' OR (p.revealed_at IS NULL AND p.message_ref IS NOT NULL))`,
      )
      .pluck();
  }

  /** Claims the channel's post for a local day; undefined when it was already claimed. */
  claim(c: DailyClaim, now: number): DailyPost | undefined {
    requireTransaction(this.db, 'dailyPosts.claim');
    const row = this.claimStmt.get(c.communityId, c.itemId, c.scheduleId, c.channelId, c.localDay, c.opensAt, c.closesAt, now);
    return row && this.get(row.id);
  }

  get(id: number): DailyPost | undefined {
    const row = this.getStmt.get(id);
    return row && toDailyPost(row);
  }

  /** Ends the windows of the schedule's earlier posts now, so a channel has one open question at a time. */
  closeEarlier(scheduleId: number, localDay: string, now: number): void {
    this.capStmt.run({ now, schedule: scheduleId, day: localDay });
  }

  /** Claimed posts whose window is open and whose next attempt is due. */
  toPublish(now: number): DailyPost[] {
    return this.toPublishStmt.all(now, now).map(toDailyPost);
  }

  /** Claimed posts never published whose window has passed. */
  expiredPending(now: number): DailyPost[] {
    return this.expiredPendingStmt.all(now).map(toDailyPost);
  }

  /** Open posts whose window has passed. */
  expiredOpen(now: number): DailyPost[] {
    return this.expiredOpenStmt.all(now).map(toDailyPost);
  }

  /** Closed posts still waiting for their reveal edit. */
  unrevealed(now: number): DailyPost[] {
    return this.unrevealedStmt.all(now).map(toDailyPost);
  }

  /** Open posts whose shown answer count is behind and may be edited again. */
  staleCounts(now: number, throttleMs: number): DailyPost[] {
    return this.staleCountStmt.all(throttleMs, now).map(toDailyPost);
  }

  /**
   * Takes the right to make the post's next platform call until `until` (so neither an
   * overlapping tick nor a second process makes the same call) and counts the attempt.
   * Returns the attempt number, or undefined when someone else holds the lease or the
   * post no longer needs a call. Run it inside Store.write.
   */
  lease(id: number, now: number, until: number): number | undefined {
    // A lease whose commit failed would let two processes make the same platform call.
    requireTransaction(this.db, 'dailyPosts.lease');
    return this.leaseStmt.get(until, id, now);
  }

  hasPost(scheduleId: number, localDay: string): boolean {
    return (this.hasPostStmt.get(scheduleId, localDay) ?? 0) > 0;
  }

  /** The platform accepted the post. */
  markOpen(id: number, messageRef: string, countShown: number, now: number): void {
    this.openStmt.run(messageRef, countShown, now, id);
  }

  markRetry(id: number, retryAt: number, error: string): void {
    this.retryStmt.run(retryAt, error.slice(0, 500), id);
  }

  /**
   * Like markRetry, for an attempt the platform refused before acting on it (a rate limit):
   * it does not count, so the next one need not look for a post it cannot have made.
   */
  markNotSent(id: number, retryAt: number, error: string): void {
    this.notSentStmt.run(retryAt, error.slice(0, 500), id);
  }

  /** Gives up on a claimed post that never reached its channel. */
  abandon(id: number, now: number, reason?: string): void {
    this.abandonStmt.run(now, reason?.slice(0, 500) ?? null, id);
  }

  /** Stops answers; returns false when the post was not open. */
  close(id: number): boolean {
    return this.closeStmt.run(id).changes > 0;
  }

  /** The reveal is done, or given up on with `error` (the message is gone, say). */
  markRevealed(id: number, now: number, error?: string): void {
    this.revealedStmt.run(now, error?.slice(0, 500) ?? null, id);
  }

  markCountShown(id: number, count: number, now: number): void {
    this.countShownStmt.run(count, now, id);
  }

  /** The earliest moment a post of these platforms needs attention (publish, retry, close, reveal, count edit). */
  nextWake(platforms: readonly Platform[], countThrottleMs: number): number | undefined {
    return this.wakeStmt.get(countThrottleMs, JSON.stringify(platforms)) ?? undefined;
  }
}
