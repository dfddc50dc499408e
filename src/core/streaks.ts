import { CommitWatch } from '../store/commit-watch.js';
import type { Db } from '../store/db.js';
import type { Member } from '../store/communities.js';

/**
 * Streaks count consecutive scheduled quiz days a member answered. Grace: one missed
 * scheduled day in a row is forgiven (the streak neither grows nor breaks); a second
 * missed day in a row starts it again. A day is "scheduled" when the community had a
 * daily post on it, so days off in the schedule never break a streak; nor does a day whose
 * post never reached its channel (the platform failed all day).
 */
export const streakGraceDays = 1;

export class Streaks {
  private readonly daysBetweenStmt;
  private readonly updateStmt;
  private readonly memo = new Map<string, number>();
  private readonly commits;

  constructor(db: Db) {
    this.daysBetweenStmt = db
      .prepare<[number, string, string], number>(
        `SELECT count(DISTINCT local_day) FROM posts
         WHERE community_id = ? AND kind = 'daily' AND local_day > ? AND local_day < ?
           AND NOT (status = 'closed' AND message_ref IS NULL)`,
      )
      .pluck();
    this.commits = new CommitWatch(db);
    this.updateStmt = db.prepare('UPDATE members SET streak_current = ?, streak_best = max(streak_best, ?), streak_last_day = ? WHERE id = ?');
  }

  /** Applies a daily answer for local day `day`; returns the new current streak. */
  recordDay(member: Member, day: string): number {
    const current = this.project(member, day);
    if (member.streakLastDay === null || day > member.streakLastDay) this.updateStmt.run(current, current, day, member.id);
    return current;
  }

  /** The streak the member will have once an answer on `day` counts; writes nothing. */
  project(member: Member, day: string): number {
    const last = member.streakLastDay;
    if (last !== null && day <= last) return member.streakCurrent;
    const missed = last === null ? Infinity : (this.daysBetweenStmt.get(member.communityId, last, day) ?? 0);
    return missed <= streakGraceDays ? member.streakCurrent + 1 : 1;
  }

  /**
   * project() for the private verdict, which a burst of presses asks thousands of times with
   * the same days: the count of scheduled days in between is remembered until anything is
   * committed to the database (by this process or another), so it is never stale. Only the
   * message uses it; the streak itself is computed fresh when the post closes.
   */
  preview(member: Member, day: string): number {
    const last = member.streakLastDay;
    if (last === null || day <= last) return this.project(member, day);
    if (this.commits.changed() || this.memo.size > 1_000) this.memo.clear();
    const key = `${member.communityId}|${last}|${day}`;
    let missed = this.memo.get(key);
    if (missed === undefined) {
      missed = this.daysBetweenStmt.get(member.communityId, last, day) ?? 0;
      this.memo.set(key, missed);
    }
    return missed <= streakGraceDays ? member.streakCurrent + 1 : 1;
  }

  /** The streak as it stands today: 0 once the member has missed too many scheduled days. */
  current(member: Member, today: string): number {
    if (member.streakLastDay === null) return 0;
    // Today's post may still be open, so today does not count as missed.
    const missed = this.daysBetweenStmt.get(member.communityId, member.streakLastDay, today) ?? 0;
    return missed > streakGraceDays ? 0 : member.streakCurrent;
  }
}
