import type Database from 'better-sqlite3';

/** Every table that holds a community's data, and the order that makes a snapshot comparable. */
const tables = {
  communities: 'SELECT * FROM communities WHERE id = ? ORDER BY id',
  members: 'SELECT * FROM members WHERE community_id = ? ORDER BY id',
  schedules: 'SELECT * FROM schedules WHERE community_id = ? ORDER BY id',
  posts: 'SELECT * FROM posts WHERE community_id = ? ORDER BY id',
  answers: 'SELECT * FROM answers WHERE community_id = ? ORDER BY id',
  scores: 'SELECT * FROM scores WHERE community_id = ? ORDER BY period, member_id',
  review_cards: 'SELECT * FROM review_cards WHERE community_id = ? ORDER BY member_id, item_id',
  exams: 'SELECT * FROM exams WHERE community_id = ? ORDER BY id',
  exam_questions: 'SELECT * FROM exam_questions WHERE community_id = ? ORDER BY exam_id, position',
  digests: 'SELECT d.* FROM digests d JOIN schedules s ON s.id = d.schedule_id WHERE s.community_id = ? ORDER BY d.id',
} as const;

export type Snapshot = Record<keyof typeof tables, unknown[]>;

/** All of one community's rows, to show that something did or did not touch them. */
export function communitySnapshot(db: Database.Database, communityId: number): Snapshot {
  return Object.fromEntries(Object.entries(tables).map(([name, sql]) => [name, db.prepare(sql).all(communityId)])) as Snapshot;
}

/** Rows in every table, for "nothing at all was written". */
export function rowCounts(db: Database.Database): Record<string, number> {
  return Object.fromEntries(Object.keys(tables).map((name) => [name, db.prepare(`SELECT count(*) FROM ${name}`).pluck().get() as number]));
}
