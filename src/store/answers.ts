import type { Db } from './db.js';

export interface NewAnswer {
  communityId: number;
  postId: number;
  memberId: number;
  itemId: string;
  topicId: string;
  kind: string;
  choices: number[];
  correct: boolean;
  points: number;
  answeredAt: number;
}

export interface StoredAnswer {
  choices: number[];
  correct: boolean;
  answeredAt: number;
}

export interface TopicAccuracy {
  topicId: string;
  answered: number;
  correct: number;
}

/**
 * Answers. recordAnswer writes the answer and the post's running count together; a daily
 * post's answers reach the leaderboard when it closes (core/daily/daily-results.ts).
 */
export class AnswerStore {
  private readonly insertStmt;
  private readonly existingStmt;
  private readonly postCountStmt;
  private readonly byTopicStmt;
  private readonly itemResultsStmt;
  private readonly choicesStmt;
  private readonly sinceStmt;

  constructor(db: Db) {
    this.insertStmt = db.prepare(
      `INSERT INTO answers (community_id, post_id, member_id, item_id, topic_id, kind, choices, correct, points, answered_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (post_id, member_id) DO NOTHING`,
    );
    this.existingStmt = db.prepare<[number, number], { choices: string; correct: number; answered_at: number }>(
      'SELECT choices, correct, answered_at FROM answers WHERE post_id = ? AND member_id = ?',
    );
    this.postCountStmt = db.prepare('UPDATE posts SET answer_count = answer_count + 1, correct_count = correct_count + ? WHERE id = ?');
    this.byTopicStmt = db.prepare<[number], { topic_id: string; answered: number; correct: number }>(
      'SELECT topic_id, count(*) AS answered, sum(correct) AS correct FROM answers WHERE member_id = ? GROUP BY topic_id ORDER BY topic_id',
    );
    this.itemResultsStmt = db.prepare<[number], { item_id: string; ever_right: number }>(
      'SELECT item_id, max(correct) AS ever_right FROM answers WHERE member_id = ? GROUP BY item_id',
    );
    this.choicesStmt = db.prepare<[number], { choices: string; n: number }>('SELECT choices, count(*) AS n FROM answers WHERE post_id = ? GROUP BY choices');
    this.sinceStmt = db.prepare<[number, number], { answered_at: number; correct: number }>(
      'SELECT answered_at, correct FROM answers WHERE member_id = ? AND answered_at >= ? ORDER BY answered_at',
    );
  }

  /**
   * Writes the answer and bumps its post's count; the first answer counts. Run it inside a
   * transaction (the answer path's group commit), so both land or neither does.
   */
  recordAnswer(a: NewAnswer): { recorded: true } | { recorded: false; existing: StoredAnswer } {
    const result = this.insertStmt.run(
      a.communityId,
      a.postId,
      a.memberId,
      a.itemId,
      a.topicId,
      a.kind,
      a.choices.join('+'),
      a.correct ? 1 : 0,
      a.points,
      a.answeredAt,
    );
    if (result.changes === 0) {
      const row = this.existingStmt.get(a.postId, a.memberId);
      if (!row) throw new Error('answer conflict without an existing answer');
      return {
        recorded: false as const,
        existing: { choices: row.choices.split('+').map(Number), correct: row.correct === 1, answeredAt: row.answered_at },
      };
    }
    this.postCountStmt.run(a.correct ? 1 : 0, a.postId);
    return { recorded: true as const };
  }

  /** Accuracy per topic for one member, practice and daily answers together. */
  accuracyByTopic(memberId: number): TopicAccuracy[] {
    return this.byTopicStmt.all(memberId).map((r) => ({ topicId: r.topic_id, answered: r.answered, correct: r.correct }));
  }

  /** Every item the member has answered: true once they have got it right, false while they never have. */
  itemResults(memberId: number): Map<string, boolean> {
    return new Map(this.itemResultsStmt.all(memberId).map((r) => [r.item_id, r.ever_right === 1]));
  }

  /** How many answers chose each choice of a post, by choice index; a choose-two answer counts under both. */
  choiceCounts(postId: number): Map<number, number> {
    const counts = new Map<number, number>();
    for (const row of this.choicesStmt.all(postId)) {
      for (const choice of row.choices.split('+').map(Number)) counts.set(choice, (counts.get(choice) ?? 0) + row.n);
    }
    return counts;
  }

  /** A member's answers since a moment, oldest first: when, and whether right. */
  answersSince(memberId: number, since: number): { answeredAt: number; correct: boolean }[] {
    return this.sinceStmt.all(memberId, since).map((r) => ({ answeredAt: r.answered_at, correct: r.correct === 1 }));
  }
}
