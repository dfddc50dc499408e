import type { Db } from '../../store/db.js';
import type { Store } from '../../store/store.js';
import type { Library } from '../library.js';
import { reviewCard } from '../review.js';
import type { Streaks } from '../streaks.js';
import { periodKey } from '../time.js';

/**
 * A daily post's answers count when the post closes, not as they arrive. The answer path
 * stays one insert (a burst of thousands of presses stays fast), and the leaderboard does
 * not hint at who is right while the question is still open. At the close, in one
 * transaction and exactly once: points into the week, month and all-time scores of the
 * post's day, streaks, and review cards for the misses.
 */
export class DailyResults {
  private readonly postStmt;
  private readonly scoreStmt;
  private readonly answersStmt;
  private readonly settleStmt;
  private readonly unscoredStmt;

  constructor(
    private readonly db: Db,
    private readonly store: Store,
    private readonly library: Library,
    private readonly streaks: Streaks,
  ) {
    this.postStmt = db.prepare<[number], { id: number; community_id: number; local_day: string | null; opens_at: number; status: string; scored_at: number | null; time_zone: string }>(
      `SELECT p.id, p.community_id, p.local_day, p.opens_at, p.status, p.scored_at, c.time_zone
       FROM posts p JOIN communities c ON c.id = p.community_id WHERE p.id = ? AND p.kind = 'daily'`,
    );
    this.scoreStmt = db.prepare<[string, number]>(
      `INSERT INTO scores (community_id, period, member_id, points, answered, correct)
       SELECT community_id, ?, member_id, points, 1, correct FROM answers WHERE post_id = ? AND true
       ON CONFLICT (community_id, period, member_id) DO UPDATE SET
         points = points + excluded.points, answered = answered + 1, correct = correct + excluded.correct`,
    );
    this.answersStmt = db.prepare<[number], { member_id: number; item_id: string; correct: number }>(
      'SELECT member_id, item_id, correct FROM answers WHERE post_id = ? ORDER BY id',
    );
    this.settleStmt = db.prepare<[number, number, number, number]>(
      `UPDATE posts SET scored_at = ?,
         answer_count = (SELECT count(*) FROM answers WHERE post_id = ?),
         correct_count = (SELECT count(*) FROM answers WHERE post_id = ? AND correct = 1)
       WHERE id = ?`,
    );
    this.unscoredStmt = db.prepare<[], number>("SELECT id FROM posts WHERE kind = 'daily' AND scored_at IS NULL AND status = 'closed'").pluck();
  }

  /** Applies a closed daily post's answers; false when there was nothing (left) to do. */
  apply(postId: number, now: number): boolean {
    return this.db
      .transaction(() => {
        const post = this.postStmt.get(postId);
        if (!post || post.scored_at !== null || post.status !== 'closed' || post.local_day === null) return false;
        const day = post.local_day;
        // Points belong to the week and month the question was posted in, in the community's zone.
        for (const period of ['all', 'week', 'month'] as const) this.scoreStmt.run(periodKey(period, post.opens_at, post.time_zone), postId);
        for (const answer of this.answersStmt.all(postId)) {
          const member = this.store.communities.getMember(post.community_id, answer.member_id);
          if (member) this.streaks.recordDay(member, day);
          const correct = answer.correct === 1;
          const card = this.store.reviews.get(answer.member_id, answer.item_id);
          if (this.library.item(answer.item_id) && (!correct || card)) {
            this.store.reviews.save(post.community_id, answer.member_id, reviewCard(answer.item_id, card, correct ? 'good' : 'again', now), now);
          }
        }
        this.settleStmt.run(now, postId, postId, postId);
        return true;
      })
      .immediate();
  }

  /** Closed posts whose results were never applied (the bot stopped in between). */
  unscored(): number[] {
    return this.unscoredStmt.all();
  }
}
