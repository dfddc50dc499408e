import type { Db } from './db.js';
import { requireTransaction } from './store-errors.js';

export type PostKind = 'daily' | 'practice' | 'review';
export type PostStatus = 'pending' | 'open' | 'closed';

export interface Post {
  id: number;
  communityId: number;
  kind: PostKind;
  itemId: string;
  memberId: number | null;
  scheduleId: number | null;
  channelId: string | null;
  localDay: string | null;
  status: PostStatus;
  messageRef: string | null;
  closesAt: number | null;
  answerCount: number;
  correctCount: number;
}

export interface NewPost {
  communityId: number;
  kind: PostKind;
  itemId: string;
  memberId?: number;
  scheduleId?: number;
  channelId?: string;
  localDay?: string;
  status?: PostStatus;
  opensAt: number;
  closesAt?: number;
}

interface PostRow {
  id: number;
  community_id: number;
  kind: PostKind;
  item_id: string;
  member_id: number | null;
  schedule_id: number | null;
  channel_id: string | null;
  local_day: string | null;
  status: PostStatus;
  message_ref: string | null;
  closes_at: number | null;
  answer_count: number;
  correct_count: number;
}

const postColumns =
  'id, community_id, kind, item_id, member_id, schedule_id, channel_id, local_day, status, message_ref, closes_at, answer_count, correct_count';

export const toPost = (r: PostRow): Post => ({
  id: r.id,
  communityId: r.community_id,
  kind: r.kind,
  itemId: r.item_id,
  memberId: r.member_id,
  scheduleId: r.schedule_id,
  channelId: r.channel_id,
  localDay: r.local_day,
  status: r.status,
  messageRef: r.message_ref,
  closesAt: r.closes_at,
  answerCount: r.answer_count,
  correctCount: r.correct_count,
});

/** Posts: the quiz items put in front of a channel or a member. */
export class PostStore {
  private readonly insertStmt;
  private readonly getStmt;
  private readonly recentForMemberStmt;
  private readonly openDailyStmt;

  constructor(readonly db: Db) {
    this.insertStmt = db.prepare<unknown[], PostRow>(
      `INSERT INTO posts (community_id, kind, item_id, member_id, schedule_id, channel_id, local_day, status, opens_at, closes_at, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`,
    );
    // The Post's own columns only: later migrations added bookkeeping columns the core never reads.
    this.getStmt = db.prepare<[number, number], PostRow>(`SELECT ${postColumns} FROM posts WHERE id = ? AND community_id = ?`);
    this.recentForMemberStmt = db
      .prepare<[number, number], string>('SELECT item_id FROM posts WHERE member_id = ? ORDER BY id DESC LIMIT ?')
      .pluck();
    this.openDailyStmt = db
      .prepare<[number, number], string>(
        `SELECT item_id FROM posts WHERE kind = 'daily' AND status IN ('pending', 'open') AND closes_at > ? AND community_id = ?`,
      )
      .pluck();
  }

  /** Inserts the post; run it inside Store.write, so its id is shown only once stored. */
  create(post: NewPost, now: number): Post {
    requireTransaction(this.db, 'posts.create');
    const row = this.insertStmt.get(
      post.communityId,
      post.kind,
      post.itemId,
      post.memberId ?? null,
      post.scheduleId ?? null,
      post.channelId ?? null,
      post.localDay ?? null,
      post.status ?? 'open',
      post.opensAt,
      post.closesAt ?? null,
      now,
    );
    if (!row) throw new Error('post insert returned nothing');
    return toPost(row);
  }

  /** The post with this id in this community; another community's post is invisible. */
  get(communityId: number, postId: number): Post | undefined {
    const row = this.getStmt.get(postId, communityId);
    return row && toPost(row);
  }

  /** Items of the community's daily questions still open (or about to be posted) at `now`. */
  openDailyItems(communityId: number, now: number): Set<string> {
    return new Set(this.openDailyStmt.all(now, communityId));
  }

  /** Item ids most recently put in front of this member, newest first. */
  recentItemsForMember(memberId: number, limit: number): string[] {
    return this.recentForMemberStmt.all(memberId, limit);
  }
}
