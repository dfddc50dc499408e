import { CommitWatch } from './commit-watch.js';
import { neverPostedSql } from './daily-reads.js';
import type { Db } from './db.js';

/** What streaks read and write: the community's scheduled quiz days and a member's streak columns. */
export class StreakStore {
  private readonly daysBetweenStmt;
  private readonly updateStmt;
  private readonly commits;

  constructor(db: Db) {
    this.daysBetweenStmt = db
      .prepare<[number, string, string], number>(
        `SELECT count(DISTINCT local_day) FROM posts
         WHERE community_id = ? AND kind = 'daily' AND local_day > ? AND local_day < ? AND NOT ${neverPostedSql}`,
      )
      .pluck();
    this.commits = new CommitWatch(db);
    this.updateStmt = db.prepare('UPDATE members SET streak_current = ?, streak_best = max(streak_best, ?), streak_last_day = ? WHERE id = ?');
  }

  /** How many days strictly between `after` and `before` the community had a daily post. */
  scheduledDaysBetween(communityId: number, after: string, before: string): number {
    return this.daysBetweenStmt.get(communityId, after, before) ?? 0;
  }

  /** Sets the member's current streak and last day; the best streak only ever grows. */
  setStreak(memberId: number, current: number, day: string): void {
    this.updateStmt.run(current, current, day, memberId);
  }

  /** Whether anything was committed to the database (by any process) since the last call. */
  changedSinceLastCall(): boolean {
    return this.commits.changed();
  }
}
