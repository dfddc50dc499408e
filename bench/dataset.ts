import Database from 'better-sqlite3';
import { migrate } from '../src/store/migrate.js';
import type { QuizItem } from '../src/core/content/schema.js';
import { reviewCard } from '../src/core/review.js';
import { progress } from './measure.js';

export interface DatasetShape {
  members: number;
  answers: number;
  smallCommunities: number;
  days: number;
}

export interface Dataset {
  bigCommunityId: number;
  bigGuildId: string;
  timeZone: string;
  /** The open daily post of today, for the answer burst. */
  openPostId: number;
  openItem: QuizItem;
  /** External ids of members who have not answered today's post. */
  freshMembers: string[];
  /** External ids of every 100th member, who also have review cards for their misses. */
  carded: string[];
}

/** A seeded random generator, so every run builds the same data. */
export function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const dayString = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/**
 * Builds a year of daily quiz history: one large community and many small ones, written
 * straight into the schema (the measured paths come later). Indexes are built after the
 * bulk load, as a restore would, which is far faster than maintaining them row by row.
 */
export function buildDataset(path: string, migrationsDir: string, items: readonly QuizItem[], shape: DatasetShape, now: number): Dataset {
  const random = mulberry32(42);
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  migrate(db, migrationsDir);
  db.pragma('synchronous = OFF');
  const indexes = db
    .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('answers', 'scores', 'members') AND sql IS NOT NULL")
    .all() as { name: string; sql: string }[];
  for (const index of indexes) db.exec(`DROP INDEX ${index.name}`);

  const timeZone = 'America/New_York';
  const insertCommunity = db.prepare('INSERT INTO communities (platform, external_id, name, time_zone, created_at) VALUES (?, ?, ?, ?, ?)');
  const insertMember = db.prepare('INSERT INTO members (community_id, external_id, display_name, streak_current, streak_best, streak_last_day, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const insertPost = db.prepare(
    // A closed post's results were applied when it closed: scored_at = revealed_at.
    "INSERT INTO posts (community_id, kind, item_id, channel_id, local_day, status, message_ref, opens_at, closes_at, answer_count, correct_count, revealed_at, scored_at, created_at) VALUES (?, 'daily', ?, 'quiz', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
  );
  const insertAnswer = db.prepare(
    "INSERT INTO answers (community_id, post_id, member_id, item_id, topic_id, kind, choices, correct, points, answered_at) VALUES (?, ?, ?, ?, ?, 'daily', ?, ?, ?, ?)",
  );
  const singles = items.filter((i) => i.answer.length === 1);
  const dayMs = 86_400_000;

  const bigGuildId = '100000000000000001';
  const bigCommunityId = Number(insertCommunity.run('discord', bigGuildId, 'Big study guild', timeZone, now - 400 * dayMs).lastInsertRowid);

  // Each member has an activity level; together they give the requested number of answers.
  const activity = Float64Array.from({ length: shape.members }, () => random() ** 2);
  const meanActivity = activity.reduce((a, b) => a + b, 0) / shape.members;
  const scale = shape.answers / shape.days / shape.members / meanActivity;

  db.transaction(() => {
    for (let m = 0; m < shape.members; m++) {
      const streak = Math.floor(random() * 30);
      insertMember.run(bigCommunityId, `u${m}`, `Member ${m}`, streak, streak + Math.floor(random() * 20), dayString(now - dayMs), now - 400 * dayMs);
    }
  })();
  progress(`dataset: ${shape.members} members`);

  let written = 0;
  const firstMemberId = (db.prepare('SELECT min(id) FROM members WHERE community_id = ?').pluck().get(bigCommunityId) as number) ?? 1;
  for (let d = shape.days; d >= 1; d--) {
    const opensAt = now - d * dayMs;
    const item = singles[(shape.days - d) % singles.length]!;
    db.transaction(() => {
      const postId = Number(insertPost.run(bigCommunityId, item.id, dayString(opensAt), 'closed', `m${d}`, opensAt, opensAt + 23 * 3600_000, 0, 0, opensAt + dayMs, opensAt + dayMs, opensAt).lastInsertRowid);
      let answered = 0;
      let right = 0;
      for (let m = 0; m < shape.members; m++) {
        if (random() >= activity[m]! * scale) continue;
        const correct = random() < 0.62;
        const choice = correct ? item.answer[0]! : (item.answer[0]! + 1) % item.choices.length;
        insertAnswer.run(bigCommunityId, postId, firstMemberId + m, item.id, item.topic, String(choice), correct ? 1 : 0, correct ? 15 : 0, opensAt + Math.floor(random() * 20 * 3600_000));
        answered++;
        if (correct) right++;
      }
      db.prepare('UPDATE posts SET answer_count = ?, correct_count = ? WHERE id = ?').run(answered, right, postId);
      written += answered;
    })();
    if (d % 73 === 0) progress(`dataset: ${written.toLocaleString('en-US')} answers (${shape.days - d + 1}/${shape.days} days)`);
  }

  // Today's open post, for the burst.
  const openItem = singles[shape.days % singles.length]!;
  const openPostId = Number(insertPost.run(bigCommunityId, openItem.id, dayString(now), 'open', 'today', now - 3600_000, now + 20 * 3600_000, 0, 0, null, null, now).lastInsertRowid);

  db.transaction(() => {
    for (let c = 0; c < shape.smallCommunities; c++) {
      const communityId = Number(insertCommunity.run('slack', `T${c}`, `Small team ${c}`, 'Europe/London', now - 200 * dayMs).lastInsertRowid);
      const memberIds: number[] = [];
      for (let m = 0; m < 10; m++) memberIds.push(Number(insertMember.run(communityId, `s${c}-${m}`, `Small ${m}`, 0, 0, null, now).lastInsertRowid));
      for (let d = 30; d >= 1; d--) {
        const item = singles[(c + d) % singles.length]!;
        const opensAt = now - d * dayMs;
        const postId = Number(insertPost.run(communityId, item.id, dayString(opensAt), 'closed', `s${d}`, opensAt, opensAt + 23 * 3600_000, 0, 0, opensAt + dayMs, opensAt + dayMs, opensAt).lastInsertRowid);
        for (const memberId of memberIds) {
          if (random() < 0.5) continue;
          const correct = random() < 0.6;
          insertAnswer.run(communityId, postId, memberId, item.id, item.topic, String(item.answer[0]), correct ? 1 : 0, correct ? 15 : 0, opensAt + 3600_000);
        }
      }
    }
  })();
  progress(`dataset: ${shape.smallCommunities} small communities`);

  for (const index of indexes) db.exec(index.sql);
  progress('dataset: indexes rebuilt');
  const carded = reviewCards(db, bigCommunityId, firstMemberId, shape.members);

  // The leaderboard aggregates the app keeps on write, computed once for the history.
  const monday = "date(p.local_day, '-' || ((CAST(strftime('%w', p.local_day) AS INTEGER) + 6) % 7) || ' days')";
  for (const period of ["'all'", `'w:' || ${monday}`, "'m:' || substr(p.local_day, 1, 7)"]) {
    db.exec(`INSERT INTO scores (community_id, period, member_id, points, answered, correct)
             SELECT a.community_id, ${period}, a.member_id, sum(a.points), count(*), sum(a.correct)
             FROM answers a JOIN posts p ON p.id = a.post_id GROUP BY a.community_id, ${period}, a.member_id`);
  }
  db.exec(`INSERT INTO score_buckets (community_id, period, points, members)
           SELECT community_id, period, points, count(*) FROM scores GROUP BY community_id, period, points`);
  progress('dataset: leaderboard aggregates');
  db.pragma('synchronous = NORMAL');
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.exec('ANALYZE');

  // Nobody has answered today's post yet: the first 20,000 members make the burst.
  const freshMembers = Array.from({ length: Math.min(20_000, shape.members) }, (_, m) => `u${m}`);
  db.close();
  return { bigCommunityId, bigGuildId, timeZone, openPostId, openItem, freshMembers, carded };
}

/**
 * Review cards, as the daily close makes them for misses, for every 100th member: enough
 * members with the full set of data for readiness to be measured on, without the hours a
 * card for every miss of 100,000 members would take to build.
 */
function reviewCards(db: Database.Database, communityId: number, firstMemberId: number, members: number): string[] {
  const misses = db.prepare<[number], { item_id: string; answered_at: number }>('SELECT item_id, answered_at FROM answers WHERE member_id = ? AND correct = 0 ORDER BY answered_at');
  const insert = db.prepare('INSERT OR REPLACE INTO review_cards (member_id, item_id, community_id, due, card, updated_at) VALUES (?, ?, ?, ?, ?, ?)');
  const carded: string[] = [];
  db.transaction(() => {
    for (let m = 0; m < members; m += 100) {
      for (const miss of misses.all(firstMemberId + m)) {
        const card = reviewCard(miss.item_id, undefined, 'again', miss.answered_at);
        insert.run(firstMemberId + m, miss.item_id, communityId, card.due, card.state, miss.answered_at);
      }
      carded.push(`u${m}`);
    }
  })();
  progress(`dataset: review cards for ${carded.length} members`);
  return carded;
}
