import type { Db } from './db.js';

/** The longest report text a member may send (the modals and the terminal say so). */
export const maxReportLength = 500;
/** Open reports from this many members of a community withhold an item there. */
export const withholdAt = 2;

export interface ReportedItem {
  itemId: string;
  /** Open reports: one per member. */
  count: number;
  texts: { member: string; text: string; createdAt: number }[];
}

export interface CommunityReports extends ReportedItem {
  community: string;
}

interface ReportRow {
  item_id: string;
  text: string;
  created_at: number;
  member: string;
}

/** Whether the database has the reports table yet (a file the bot has not opened since 0009_reports.sql). */
export function hasReportsTable(db: Db): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'reports'").get() !== undefined;
}

/** Members' reports of wrong or unclear quiz items, per community. */
export class ReportStore {
  private readonly upsertStmt;
  private readonly withheldStmt;
  private readonly openStmt;
  private readonly dismissStmt;
  private readonly allOpenStmt;
  private readonly countStmt;

  constructor(db: Db) {
    this.upsertStmt = db.prepare<[number, string, number, string, number]>(
      `INSERT INTO reports (community_id, item_id, member_id, text, created_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (community_id, item_id, member_id) WHERE dismissed_at IS NULL DO UPDATE SET text = excluded.text, created_at = excluded.created_at`,
    );
    this.withheldStmt = db
      .prepare<[number, number], string>('SELECT item_id FROM reports WHERE community_id = ? AND dismissed_at IS NULL GROUP BY item_id HAVING count(*) >= ?')
      .pluck();
    this.openStmt = db.prepare<[number], ReportRow>(
      `SELECT r.item_id, r.text, r.created_at, m.display_name AS member FROM reports r JOIN members m ON m.id = r.member_id
       WHERE r.community_id = ? AND r.dismissed_at IS NULL ORDER BY r.item_id, r.created_at`,
    );
    this.dismissStmt = db.prepare<[number, number, string]>('UPDATE reports SET dismissed_at = ? WHERE community_id = ? AND item_id = ? AND dismissed_at IS NULL');
    this.countStmt = db
      .prepare<[number, string], number>('SELECT count(*) FROM reports WHERE community_id = ? AND item_id = ? AND dismissed_at IS NULL')
      .pluck();
    this.allOpenStmt = db.prepare<[], ReportRow & { community: string }>(
      `SELECT c.platform || ':' || c.name AS community, r.item_id, r.text, r.created_at, m.display_name AS member
       FROM reports r JOIN members m ON m.id = r.member_id JOIN communities c ON c.id = r.community_id
       WHERE r.dismissed_at IS NULL ORDER BY c.id, r.item_id, r.created_at`,
    );
  }

  /**
   * Stores a member's report, replacing their open one for the item; the item's open count
   * after it. Run it inside `store.write`, so the count read is the one committed.
   */
  report(communityId: number, itemId: string, memberId: number, text: string, now: number): { replaced: boolean; count: number } {
    const before = this.openCount(communityId, itemId);
    this.upsertStmt.run(communityId, itemId, memberId, text, now);
    const count = this.openCount(communityId, itemId);
    return { replaced: count === before, count };
  }

  /**
   * The one predicate every picker uses (practice, review, the daily rotation): items this
   * community has reported often enough that they are not served there until dismissed.
   */
  withheld(communityId: number): ReadonlySet<string> {
    return new Set(this.withheldStmt.all(communityId, withholdAt));
  }

  /** Open reports of a community, grouped by item, most reported first. */
  open(communityId: number): ReportedItem[] {
    return group(this.openStmt.all(communityId), () => '').map(({ community: _, ...item }) => item);
  }

  /** Dismisses every open report of an item in a community; how many were dismissed. */
  dismiss(communityId: number, itemId: string, now: number): number {
    return this.dismissStmt.run(now, communityId, itemId).changes;
  }

  /** Open reports across every community, for whoever maintains the content. */
  allOpen(): CommunityReports[] {
    const rows = this.allOpenStmt.all();
    return group(rows, (r) => r.community);
  }

  private openCount(communityId: number, itemId: string): number {
    return this.countStmt.get(communityId, itemId) ?? 0;
  }
}

function group<R extends ReportRow>(rows: readonly R[], communityOf: (row: R) => string): CommunityReports[] {
  const byKey = new Map<string, CommunityReports>();
  for (const row of rows) {
    const community = communityOf(row);
    const key = `${community}\u0000${row.item_id}`;
    const entry = byKey.get(key) ?? { community, itemId: row.item_id, count: 0, texts: [] };
    entry.count += 1;
    entry.texts.push({ member: row.member, text: row.text, createdAt: row.created_at });
    byKey.set(key, entry);
  }
  return [...byKey.values()].sort((a, b) => a.community.localeCompare(b.community) || b.count - a.count || a.itemId.localeCompare(b.itemId));
}
