import { CommitWatch } from './commit-watch.js';
import type { Db } from './db.js';
import { requireTransaction } from './store-errors.js';

export type Platform = 'discord' | 'slack' | 'terminal';

/** Who a community is on its platform: a Discord server, a Slack workspace, the terminal. */
export interface CommunityRef {
  platform: Platform;
  externalId: string;
  name?: string;
}

export interface Community {
  id: number;
  name: string;
  timeZone: string;
  revealNames: boolean;
}

export interface Member {
  id: number;
  communityId: number;
  displayName: string;
  streakCurrent: number;
  streakBest: number;
  streakLastDay: string | null;
}

interface CommunityRow {
  id: number;
  name: string;
  time_zone: string;
  reveal_names: number;
}

export interface MemberRow {
  id: number;
  community_id: number;
  display_name: string;
  streak_current: number;
  streak_best: number;
  streak_last_day: string | null;
}

const toCommunity = (r: CommunityRow): Community => ({
  id: r.id,
  name: r.name,
  timeZone: r.time_zone,
  revealNames: r.reveal_names === 1,
});

export const toMember = (r: MemberRow): Member => ({
  id: r.id,
  communityId: r.community_id,
  displayName: r.display_name,
  streakCurrent: r.streak_current,
  streakBest: r.streak_best,
  streakLastDay: r.streak_last_day,
});

/** Communities and their members. Reads never create rows; only ensure* does, inside a transaction. */
export class CommunityStore {
  private readonly findCommunityStmt;
  private readonly getCommunityStmt;
  private readonly insertCommunityStmt;
  private readonly findMemberStmt;
  private readonly getMemberStmt;
  private readonly insertMemberStmt;
  private readonly renameMemberStmt;
  private readonly settingsStmt;
  /** Every command and press looks its community up; see find() for why this stays exact. */
  private readonly cache = new Map<string, Community | null>();
  private readonly commits;

  constructor(
    private readonly db: Db,
    /** The zone a new community starts in (DEFAULT_TIME_ZONE). */
    private readonly defaultTimeZone = 'UTC',
  ) {
    this.findCommunityStmt = db.prepare<[string, string], CommunityRow>('SELECT * FROM communities WHERE platform = ? AND external_id = ?');
    this.getCommunityStmt = db.prepare<[number], CommunityRow>('SELECT * FROM communities WHERE id = ?');
    this.insertCommunityStmt = db.prepare<[string, string, string, string, number], CommunityRow>(
      `INSERT INTO communities (platform, external_id, name, time_zone, created_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (platform, external_id) DO UPDATE SET name = CASE WHEN excluded.name <> '' THEN excluded.name ELSE name END
       RETURNING *`,
    );
    this.findMemberStmt = db.prepare<[number, string], MemberRow>('SELECT * FROM members WHERE community_id = ? AND external_id = ?');
    this.getMemberStmt = db.prepare<[number, number], MemberRow>('SELECT * FROM members WHERE community_id = ? AND id = ?');
    this.insertMemberStmt = db.prepare<[number, string, string, number], MemberRow>(
      `INSERT INTO members (community_id, external_id, display_name, created_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (community_id, external_id) DO UPDATE SET display_name = excluded.display_name
       RETURNING *`,
    );
    this.renameMemberStmt = db.prepare('UPDATE members SET display_name = ? WHERE id = ? AND display_name <> ?');
    this.settingsStmt = db.prepare('UPDATE communities SET time_zone = coalesce(?, time_zone), reveal_names = coalesce(?, reveal_names) WHERE id = ?');
    this.commits = new CommitWatch(db);
  }

  /**
   * Cached, and exact with several processes on the file: the cache is dropped whenever
   * anything was committed since (CommitWatch, once per event-loop turn), and at once by
   * this store's own community writes. Inside a transaction nothing is cached: a row read
   * there may yet be rolled back.
   */
  find(ref: CommunityRef): Community | undefined {
    if (this.db.inTransaction) return this.read(ref);
    if (this.commits.changed()) this.cache.clear();
    const key = `${ref.platform}:${ref.externalId}`;
    const cached = this.cache.get(key);
    if (cached !== undefined) return cached ?? undefined;
    const community = this.read(ref);
    this.cache.set(key, community ?? null);
    return community;
  }

  private read(ref: CommunityRef): Community | undefined {
    const row = this.findCommunityStmt.get(ref.platform, ref.externalId);
    return row && toCommunity(row);
  }

  get(id: number): Community | undefined {
    const row = this.getCommunityStmt.get(id);
    return row && toCommunity(row);
  }

  /** Finds or creates the community; run it inside Store.write. */
  ensure(ref: CommunityRef, now: number): Community {
    requireTransaction(this.db, 'communities.ensure');
    const existing = this.find(ref);
    if (existing && (!ref.name || existing.name === ref.name)) return existing;
    const row = this.insertCommunityStmt.get(ref.platform, ref.externalId, ref.name ?? '', this.defaultTimeZone, now);
    if (!row) throw new Error('community upsert returned nothing');
    // Refilled from the database after the commit, never from a row that may yet roll back.
    this.cache.clear();
    return toCommunity(row);
  }

  updateSettings(communityId: number, settings: { timeZone?: string; revealNames?: boolean }): void {
    const reveal = settings.revealNames === undefined ? null : settings.revealNames ? 1 : 0;
    this.settingsStmt.run(settings.timeZone ?? null, reveal, communityId);
    this.cache.clear();
  }

  findMember(communityId: number, externalId: string): Member | undefined {
    const row = this.findMemberStmt.get(communityId, externalId);
    return row && toMember(row);
  }

  /** A member of this community by internal id; undefined for another community's member. */
  getMember(communityId: number, memberId: number): Member | undefined {
    const row = this.getMemberStmt.get(communityId, memberId);
    return row && toMember(row);
  }

  /** Finds or creates the member, keeping the stored display name fresh; run it inside Store.write or the write batch. */
  ensureMember(communityId: number, externalId: string, displayName: string, now: number): Member {
    requireTransaction(this.db, 'communities.ensureMember');
    const existing = this.findMemberStmt.get(communityId, externalId);
    if (existing) {
      if (existing.display_name !== displayName) {
        this.renameMemberStmt.run(displayName, existing.id, displayName);
        existing.display_name = displayName;
      }
      return toMember(existing);
    }
    const row = this.insertMemberStmt.get(communityId, externalId, displayName, now);
    if (!row) throw new Error('member upsert returned nothing');
    return toMember(row);
  }
}
