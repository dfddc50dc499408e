import type { Db } from './db.js';
import type { Platform } from './communities.js';
import { requireTransaction } from './store-errors.js';

/** A daily quiz channel that asked for the weekly digest, with what its timing needs. */
export interface DigestChannel {
  scheduleId: number;
  communityId: number;
  channelId: string;
  platform: Platform;
  /** The schedule's own HH:MM: the digest goes out at that time on Monday. */
  localTime: string;
  /** The community's zone: its weeks start on Monday there. */
  communityZone: string;
  /** When the digest was turned on: weeks whose moment came before are not owed one. */
  digestFrom: number;
}

/** A claimed digest: one per channel per week. */
export interface Digest {
  id: number;
  scheduleId: number;
  week: string;
  attempts: number;
  dueUntil: number;
}

/** Figures of one channel's daily posts over a range of local days. */
export interface WeekTotals {
  answers: number;
  right: number;
  posts: number;
}

export interface PostResult {
  postId: number;
  itemId: string;
  localDay: string;
  answers: number;
  right: number;
}

export interface MemberWeek {
  memberId: number;
  displayName: string;
  answers: number;
  right: number;
}

const inRange = `p.kind = 'daily' AND p.schedule_id = @schedule AND p.local_day BETWEEN @from AND @to`;

/** The weekly digest's opt-in, its once-per-week claims and the week's figures. */
export class DigestStore {
  private readonly setStmt;
  private readonly channelsStmt;
  private readonly claimStmt;
  private readonly getStmt;
  private readonly leaseStmt;
  private readonly dueStmt;
  private readonly expireStmt;
  private readonly postedStmt;
  private readonly retryStmt;
  private readonly skipStmt;
  private readonly wakeStmt;
  private readonly totalsStmt;
  private readonly hardestStmt;
  private readonly membersStmt;

  constructor(private readonly db: Db) {
    this.setStmt = db.prepare(
      `UPDATE schedules SET digest_from = CASE WHEN @on = 1 THEN coalesce(digest_from, @now) ELSE NULL END, updated_at = @now
       WHERE community_id = @community AND id = @id AND removed = 0`,
    );
    this.channelsStmt = db.prepare<[], { schedule_id: number; community_id: number; channel_id: string; platform: Platform; local_time: string; time_zone: string; digest_from: number }>(
      `SELECT s.id AS schedule_id, s.community_id, s.channel_id, c.platform, s.local_time, c.time_zone, s.digest_from
       FROM schedules s JOIN communities c ON c.id = s.community_id
       WHERE s.removed = 0 AND s.paused = 0 AND s.digest_from IS NOT NULL ORDER BY s.id`,
    );
    this.claimStmt = db.prepare('INSERT INTO digests (schedule_id, week, status, due_until, claimed_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (schedule_id, week) DO NOTHING');
    this.getStmt = db.prepare<[number, string], { id: number }>('SELECT id FROM digests WHERE schedule_id = ? AND week = ?');
    this.leaseStmt = db.prepare<{ id: number; now: number; until: number }, { attempts: number }>(
      `UPDATE digests SET attempts = attempts + 1, lease_until = @until
       WHERE id = @id AND status = 'pending' AND coalesce(lease_until, 0) <= @now AND coalesce(retry_at, 0) <= @now AND due_until > @now
       RETURNING attempts`,
    );
    this.dueStmt = db.prepare<[number, number, number], { id: number; schedule_id: number; week: string; attempts: number; due_until: number }>(
      `SELECT id, schedule_id, week, attempts, due_until FROM digests
       WHERE status = 'pending' AND coalesce(lease_until, 0) <= ? AND coalesce(retry_at, 0) <= ? AND due_until > ? ORDER BY id`,
    );
    this.expireStmt = db.prepare(`UPDATE digests SET status = 'skipped', last_error = coalesce(last_error, 'its day passed before it reached the channel') WHERE status = 'pending' AND due_until <= ?`);
    this.postedStmt = db.prepare(`UPDATE digests SET status = 'posted', message_ref = ?, posted_at = ?, lease_until = NULL WHERE id = ? AND status = 'pending'`);
    this.retryStmt = db.prepare(`UPDATE digests SET retry_at = ?, last_error = ?, lease_until = NULL WHERE id = ? AND status = 'pending'`);
    this.skipStmt = db.prepare(`UPDATE digests SET status = 'skipped', last_error = ?, lease_until = NULL WHERE id = ? AND status = 'pending'`);
    this.wakeStmt = db.prepare<[], number | null>(`SELECT min(max(coalesce(lease_until, 0), coalesce(retry_at, 0))) FROM digests WHERE status = 'pending'`).pluck();
    this.totalsStmt = db.prepare<{ schedule: number; from: string; to: string }, WeekTotals>(
      `SELECT coalesce(sum(p.answer_count), 0) AS answers, coalesce(sum(p.correct_count), 0) AS "right", count(*) AS posts
       FROM posts p WHERE ${inRange} AND p.message_ref IS NOT NULL`,
    );
    this.hardestStmt = db.prepare<{ schedule: number; from: string; to: string; min: number }, PostResult>(
      `SELECT p.id AS postId, p.item_id AS itemId, p.local_day AS localDay, p.answer_count AS answers, p.correct_count AS "right"
       FROM posts p WHERE ${inRange} AND p.status = 'closed' AND p.answer_count >= @min
       ORDER BY CAST(p.correct_count AS REAL) / p.answer_count, p.answer_count DESC, p.local_day LIMIT 1`,
    );
    this.membersStmt = db.prepare<{ schedule: number; from: string; to: string }, MemberWeek>(
      `SELECT m.id AS memberId, m.display_name AS displayName, count(*) AS answers, sum(a.correct) AS "right"
       FROM answers a JOIN posts p ON p.id = a.post_id JOIN members m ON m.id = a.member_id
       WHERE ${inRange} GROUP BY m.id ORDER BY m.id`,
    );
  }

  /** Turns the channel's digest on (keeping when it was first turned on) or off; false when no such schedule. */
  setDigest(communityId: number, scheduleId: number, on: boolean, now: number): boolean {
    return this.setStmt.run({ on: on ? 1 : 0, now, community: communityId, id: scheduleId }).changes > 0;
  }

  /** Every unpaused channel with the digest on. */
  channels(): DigestChannel[] {
    return this.channelsStmt.all().map((r) => ({
      scheduleId: r.schedule_id,
      communityId: r.community_id,
      channelId: r.channel_id,
      platform: r.platform,
      localTime: r.local_time,
      communityZone: r.time_zone,
      digestFrom: r.digest_from,
    }));
  }

  has(scheduleId: number, week: string): boolean {
    return this.getStmt.get(scheduleId, week) !== undefined;
  }

  /**
   * Claims the channel's digest of `week`; false when it was claimed already (by us or another
   * process). A week with nothing to sum up is claimed as 'skipped', so it is decided once.
   */
  claim(scheduleId: number, week: string, dueUntil: number, now: number, status: 'pending' | 'skipped' = 'pending'): boolean {
    requireTransaction(this.db, 'digests.claim');
    return this.claimStmt.run(scheduleId, week, status, dueUntil, now).changes > 0;
  }

  /** Pending digests whose next attempt may be made now. */
  due(now: number): Digest[] {
    return this.dueStmt.all(now, now, now).map((r) => ({ id: r.id, scheduleId: r.schedule_id, week: r.week, attempts: r.attempts, dueUntil: r.due_until }));
  }

  /** Takes the one-minute lease of an attempt and counts it; undefined when another holds it or it is not due. */
  lease(id: number, now: number, until: number): number | undefined {
    requireTransaction(this.db, 'digests.lease');
    return this.leaseStmt.get({ id, now, until })?.attempts;
  }

  /** Pending digests whose day passed are skipped, never posted late. */
  expire(now: number): number {
    return this.expireStmt.run(now).changes;
  }

  markPosted(id: number, messageRef: string, now: number): void {
    this.postedStmt.run(messageRef, now, id);
  }

  markRetry(id: number, retryAt: number, error: string): void {
    this.retryStmt.run(retryAt, error, id);
  }

  skip(id: number, error: string): void {
    this.skipStmt.run(error, id);
  }

  /** When a pending digest may next be tried. */
  nextWake(): number | undefined {
    return this.wakeStmt.get() ?? undefined;
  }

  /** Answers and right answers on the channel's daily posts of local days `from`..`to`. */
  totals(scheduleId: number, from: string, to: string): WeekTotals {
    return this.totalsStmt.get({ schedule: scheduleId, from, to }) ?? { answers: 0, right: 0, posts: 0 };
  }

  /** The closed post with the lowest share right among those with at least `min` answers. */
  hardest(scheduleId: number, from: string, to: string, min: number): PostResult | undefined {
    return this.hardestStmt.get({ schedule: scheduleId, from, to, min });
  }

  /** Each member's answers and right answers on the channel's daily posts of those days. */
  members(scheduleId: number, from: string, to: string): MemberWeek[] {
    return this.membersStmt.all({ schedule: scheduleId, from, to });
  }
}
