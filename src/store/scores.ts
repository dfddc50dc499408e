import type { Db } from './db.js';

export interface ScoreRow {
  memberId: number;
  displayName: string;
  points: number;
  answered: number;
  correct: number;
  streak: number;
}

export interface MemberStanding extends ScoreRow {
  rank: number;
}

interface Row {
  member_id: number;
  display_name: string;
  points: number;
  answered: number;
  correct: number;
  streak_current: number;
}

const toScore = (r: Row): ScoreRow => ({
  memberId: r.member_id,
  displayName: r.display_name,
  points: r.points,
  answered: r.answered,
  correct: r.correct,
  streak: r.streak_current,
});

/**
 * Leaderboard reads over the scores aggregates: the top rows walk the scores_rank index, and
 * a member's rank sums the score_buckets above them (members per points total), so neither
 * grows with the number of answers or members.
 */
export class ScoreStore {
  private readonly topStmt;
  private readonly mineStmt;
  private readonly aboveStmt;
  private readonly sharingStmt;

  constructor(db: Db) {
    this.topStmt = db.prepare<[number, string, number], Row>(
      `SELECT s.member_id, m.display_name, s.points, s.answered, s.correct, m.streak_current
       FROM scores s JOIN members m ON m.id = s.member_id
       WHERE s.community_id = ? AND s.period = ?
       ORDER BY s.points DESC, s.correct DESC, s.member_id
       LIMIT ?`,
    );
    this.mineStmt = db.prepare<[number, number, string, number], Row>(
      `SELECT s.member_id, m.display_name, s.points, s.answered, s.correct, m.streak_current
       FROM scores s JOIN members m ON m.id = s.member_id
       WHERE m.community_id = ? AND s.member_id = ? AND s.period = ? AND s.community_id = ?`,
    );
    this.aboveStmt = db
      .prepare<[number, string, number], number>('SELECT coalesce(sum(members), 0) FROM score_buckets WHERE community_id = ? AND period = ? AND points > ?')
      .pluck();
    this.sharingStmt = db
      .prepare<[number, string, number], number>('SELECT coalesce(max(members), 0) FROM score_buckets WHERE community_id = ? AND period = ? AND points = ?')
      .pluck();
  }

  top(communityId: number, period: string, limit: number): MemberStanding[] {
    const rows = this.topStmt.all(communityId, period, limit).map(toScore);
    // Equal points share a rank, as in any sports table.
    let rank = 0;
    return rows.map((row, i) => {
      if (i === 0 || row.points !== rows[i - 1]?.points) rank = i + 1;
      return { ...row, rank };
    });
  }

  /** How many members hold exactly `points` in the period: one bucket, so a tie at the cut costs one lookup. */
  sharing(communityId: number, period: string, points: number): number {
    return this.sharingStmt.get(communityId, period, points)!;
  }

  standing(communityId: number, memberId: number, period: string): MemberStanding | undefined {
    const row = this.mineStmt.get(communityId, memberId, period, communityId);
    if (!row) return undefined;
    return { ...toScore(row), rank: this.aboveStmt.get(communityId, period, row.points)! + 1 };
  }
}
