import type { AnsweredItem } from '../core/readiness/answered-item.js';
import type { Db } from './db.js';

type HistoryRow = [itemId: string, topicId: string, correct: number, answeredAt: number, kind: AnsweredItem['kind']];

/** What readiness reads: every answer a member has given, and who in a community is active. */
export class AnswerHistoryStore {
  private readonly historyStmt;
  private readonly activeStmt;
  private readonly dailyRateStmt;

  constructor(db: Db) {
    // Practice exams keep their answers in exam_questions (an exam is not a post): a
    // submitted exam's answered questions count as answers given at its submission.
    this.historyStmt = db.prepare<[number, number, number, number], HistoryRow>(
      `SELECT item_id, topic_id, correct, answered_at, kind FROM answers WHERE member_id = ? AND community_id = ?
       UNION ALL
       SELECT q.item_id, q.topic_id, q.correct, e.submitted_at, 'exam' FROM exams e
         JOIN exam_questions q ON q.exam_id = e.id AND q.community_id = e.community_id
         WHERE e.member_id = ? AND e.community_id = ? AND e.submitted_at IS NOT NULL AND q.choices IS NOT NULL
       ORDER BY 4`,
    ).raw();
    this.activeStmt = db
      .prepare<[number, number, number, number], number>(
        `SELECT member_id FROM answers WHERE community_id = ? AND answered_at >= ?
         UNION SELECT member_id FROM exams WHERE community_id = ? AND submitted_at >= ?`,
      )
      .pluck();
    // The community's recent daily posts: a cheap, shared base rate (at most 60 rows).
    this.dailyRateStmt = db.prepare<[number], { answered: number | null; correct: number | null }>(
      `SELECT sum(answer_count) AS answered, sum(correct_count) AS correct FROM
         (SELECT answer_count, correct_count FROM posts WHERE community_id = ? AND kind = 'daily' ORDER BY local_day DESC LIMIT 60)`,
    );
  }

  /** Every answer of the member in this community, oldest first. */
  history(communityId: number, memberId: number): AnsweredItem[] {
    return this.historyStmt.all(memberId, communityId, memberId, communityId).map(([itemId, topicId, correct, answeredAt, kind]) => ({ itemId, topicId, correct: correct === 1, answeredAt, kind }));
  }

  /** Ids of the members who answered anything since `since`. */
  activeMembers(communityId: number, since: number): number[] {
    return this.activeStmt.all(communityId, since, communityId, since);
  }

  /** The share of right answers on the community's last 60 daily questions, when there are any. */
  dailyRate(communityId: number): { answered: number; correct: number } {
    const row = this.dailyRateStmt.get(communityId);
    return { answered: row?.answered ?? 0, correct: row?.correct ?? 0 };
  }
}
