import type { Db } from './db.js';

export interface StoredCard {
  itemId: string;
  due: number;
  /** ts-fsrs card state, serialized. */
  state: string;
}

/** Review cards: one per member per quiz item, scheduled by the review module. */
export class ReviewStore {
  private readonly getStmt;
  private readonly upsertStmt;
  private readonly dueStmt;
  private readonly dueCountStmt;
  private readonly nextDueStmt;
  private readonly totalStmt;
  private readonly allStmt;

  constructor(db: Db) {
    this.getStmt = db.prepare<[number, string], { item_id: string; due: number; card: string }>(
      'SELECT item_id, due, card FROM review_cards WHERE member_id = ? AND item_id = ?',
    );
    this.upsertStmt = db.prepare(
      `INSERT INTO review_cards (member_id, item_id, community_id, due, card, updated_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (member_id, item_id) DO UPDATE SET due = excluded.due, card = excluded.card, updated_at = excluded.updated_at`,
    );
    this.dueStmt = db.prepare<[number, number, number], { item_id: string; due: number; card: string }>(
      'SELECT item_id, due, card FROM review_cards WHERE member_id = ? AND due <= ? ORDER BY due LIMIT ?',
    );
    this.dueCountStmt = db.prepare<[number, number], number>('SELECT count(*) FROM review_cards WHERE member_id = ? AND due <= ?').pluck();
    this.nextDueStmt = db.prepare<[number], number | null>('SELECT min(due) FROM review_cards WHERE member_id = ?').pluck();
    this.totalStmt = db.prepare<[number], number>('SELECT count(*) FROM review_cards WHERE member_id = ?').pluck();
    this.allStmt = db.prepare<[number], { item_id: string; due: number; card: string }>('SELECT item_id, due, card FROM review_cards WHERE member_id = ?');
  }

  get(memberId: number, itemId: string): StoredCard | undefined {
    const row = this.getStmt.get(memberId, itemId);
    return row && { itemId: row.item_id, due: row.due, state: row.card };
  }

  save(communityId: number, memberId: number, card: StoredCard, now: number): void {
    this.upsertStmt.run(memberId, card.itemId, communityId, card.due, card.state, now);
  }

  due(memberId: number, now: number, limit: number): StoredCard[] {
    return this.dueStmt.all(memberId, now, limit).map((r) => ({ itemId: r.item_id, due: r.due, state: r.card }));
  }

  dueCount(memberId: number, now: number): number {
    return this.dueCountStmt.get(memberId, now) ?? 0;
  }

  nextDue(memberId: number): number | undefined {
    return this.nextDueStmt.get(memberId) ?? undefined;
  }

  /** Every card of the member: readiness reads each one's retrievability. */
  all(memberId: number): StoredCard[] {
    return this.allStmt.all(memberId).map((r) => ({ itemId: r.item_id, due: r.due, state: r.card }));
  }

  total(memberId: number): number {
    return this.totalStmt.get(memberId) ?? 0;
  }
}
