import type { TopicAccuracy } from './answers.js';
import { toMember, type Member, type MemberRow } from './communities.js';
import type { Db } from './db.js';

/**
 * A claimed daily post that never reached its channel (closed with no message): nobody met
 * it, so its item was not seen and its day was no scheduled day. Used wherever a query asks
 * which daily questions really happened (here, and the streaks' scheduled days).
 */
export const neverPostedSql = `(status = 'closed' AND message_ref IS NULL)`;

/**
 * What the daily quiz reads to choose a channel's next question and to reveal one (and the
 * weekly digest to sum up a week): read-only, beside the post life cycle in daily-posts.ts.
 */
export class DailyReadStore {
  private readonly historyStmt;
  private readonly topicStatsStmt;
  private readonly rightStmt;
  private readonly leadersStmt;

  constructor(db: Db) {
    this.historyStmt = db
      .prepare<[number], string>(`SELECT item_id FROM posts WHERE kind = 'daily' AND schedule_id = ? AND NOT ${neverPostedSql} ORDER BY id`)
      .pluck();
    this.topicStatsStmt = db.prepare<[number], { topic_id: string; answered: number; correct: number }>(
      'SELECT topic_id, count(*) AS answered, sum(correct) AS correct FROM answers WHERE community_id = ? GROUP BY topic_id',
    );
    this.rightStmt = db
      .prepare<[number], string>(
        `SELECT m.display_name FROM answers a JOIN members m ON m.id = a.member_id
         WHERE a.post_id = ? AND a.correct = 1 ORDER BY a.answered_at, a.id`,
      )
      .pluck();
    this.leadersStmt = db.prepare<[number, number], MemberRow>(
      `SELECT * FROM members WHERE community_id = ? AND streak_current > 0
       ORDER BY streak_current DESC, streak_last_day DESC, id LIMIT ?`,
    );
  }

  /** Item ids this schedule's channel has met, oldest first. */
  history(scheduleId: number): string[] {
    return this.historyStmt.all(scheduleId);
  }

  /** How the whole community does per topic (daily and practice answers). */
  topicStats(communityId: number): TopicAccuracy[] {
    return this.topicStatsStmt.all(communityId).map((r) => ({ topicId: r.topic_id, answered: r.answered, correct: r.correct }));
  }

  /** Display names of those who answered the post right, first answer first. */
  rightAnswerers(postId: number): string[] {
    return this.rightStmt.all(postId);
  }

  /** Members with the longest recorded streaks; callers check they are still current. */
  streakLeaders(communityId: number, limit: number): Member[] {
    return this.leadersStmt.all(communityId, limit).map(toMember);
  }
}
