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
  private readonly stabilityStmt;

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
    // The card column is ts-fsrs's Card as JSON (src/core/review.ts); SQLite reads the one
    // field readiness needs, so no card crosses into JavaScript to be parsed whole.
    this.stabilityStmt = db.prepare<[number], [string, number | null]>("SELECT item_id, json_extract(card, '$.stability') FROM review_cards WHERE member_id = ?").raw();
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

  /** Each card's FSRS stability in days, by item: how slowly the member forgets it. */
  stabilities(memberId: number): Map<string, number> {
    const out = new Map<string, number>();
    for (const [itemId, stability] of this.stabilityStmt.all(memberId)) if (typeof stability === 'number') out.set(itemId, stability);
    return out;
  }

  total(memberId: number): number {
    return this.totalStmt.get(memberId) ?? 0;
  }
}
