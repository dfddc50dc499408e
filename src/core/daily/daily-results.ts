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
  private readonly bucketsOutStmt;
  private readonly bucketsInStmt;
  private readonly bucketsEmptyStmt;
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
    // The answerers' current totals leave their buckets before the scores change, and join
    // their new ones after: ranks stay exact without counting members.
    const answerersTotals = `FROM answers a JOIN scores s ON s.community_id = a.community_id AND s.period = :period AND s.member_id = a.member_id
       WHERE a.post_id = :post GROUP BY s.points`;
    this.bucketsOutStmt = db.prepare<[{ period: string; post: number; community: number }]>(
      `UPDATE score_buckets SET members = members - d.n
       FROM (SELECT s.points AS points, count(*) AS n ${answerersTotals}) AS d
       WHERE score_buckets.community_id = :community AND score_buckets.period = :period AND score_buckets.points = d.points`,
    );
    this.bucketsInStmt = db.prepare<[{ period: string; post: number; community: number }]>(
      `INSERT INTO score_buckets (community_id, period, points, members)
       SELECT :community, :period, s.points, count(*) ${answerersTotals}
       ON CONFLICT (community_id, period, points) DO UPDATE SET members = members + excluded.members`,
    );
    this.bucketsEmptyStmt = db.prepare<[{ period: string; community: number }]>(
      'DELETE FROM score_buckets WHERE community_id = :community AND period = :period AND members <= 0',
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
        for (const period of ['all', 'week', 'month'] as const) {
          const key = { period: periodKey(period, post.opens_at, post.time_zone), post: postId, community: post.community_id };
          this.bucketsOutStmt.run(key);
          this.scoreStmt.run(key.period, postId);
          this.bucketsInStmt.run(key);
          this.bucketsEmptyStmt.run({ period: key.period, community: key.community });
        }
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
