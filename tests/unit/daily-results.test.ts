import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seeded } from '../support/daily-world.js';
import { ManualClock } from '../support/clock.js';
import { caller, createTestApp } from '../support/test-app.js';

type App = ReturnType<typeof createTestApp>;
const day = 86_400_000;

describe('daily results at the close', () => {
  let app: App;
  let clock: ManualClock;
  beforeEach(() => {
    clock = new ManualClock(Date.UTC(2026, 10, 2, 12, 0)); // a Monday
    app = createTestApp({ clock });
  });
  afterEach(() => app.dispose());

  /** One daily round: 30 members, each answers (or not) at random, then the post closes. */
  const round = async (n: number, random: () => number): Promise<number> => {
    const now = clock.now();
    const item = app.library.items.filter((i) => i.answer.length === 1)[n % 20]!;
    const post = app.store.write(() => {
      const community = app.store.communities.ensure(caller('x').community, now);
      return app.store.posts.create({ communityId: community.id, kind: 'daily', itemId: item.id, channelId: 'quiz', localDay: new Date(now).toISOString().slice(0, 10), opensAt: now, closesAt: now + day / 2 }, now);
    });
    for (let m = 0; m < 30; m++) {
      const r = random();
      if (r < 0.3) continue;
      const choice = r < 0.7 ? item.answer[0]! : (item.answer[0]! + 1) % item.choices.length;
      await app.bot.handle(caller(`m${m}`), { type: 'action', id: `ans:${post.id}:${choice}` });
    }
    app.store.db.prepare("UPDATE posts SET status = 'closed', message_ref = 'm' || id WHERE id = ?").run(post.id);
    await app.daily.tick();
    await app.daily.tick(); // a second tick finds nothing left to apply
    return post.id;
  };

  it('ranks from the points buckets always equal one plus the members with more points', async () => {
    const random = seeded(7);
    for (let n = 0; n < 12; n++) {
      await round(n, random);
      clock.advance(day);
    }
    const db = app.store.db;
    const periods = db.prepare('SELECT DISTINCT period FROM scores').pluck().all() as string[];
    expect(periods.length).toBeGreaterThan(3);
    for (const period of periods) {
      for (const memberId of db.prepare('SELECT member_id FROM scores WHERE period = ?').pluck().all(period) as number[]) {
        const points = db.prepare('SELECT points FROM scores WHERE period = ? AND member_id = ?').pluck().get(period, memberId) as number;
        const above = db.prepare('SELECT count(*) FROM scores WHERE period = ? AND points > ?').pluck().get(period, points) as number;
        expect(app.store.scores.standing(1, memberId, period)?.rank, `${period} member ${memberId}`).toBe(above + 1);
      }
      const buckets = db.prepare('SELECT sum(members) FROM score_buckets WHERE period = ?').pluck().get(period);
      expect(buckets).toBe(db.prepare('SELECT count(*) FROM scores WHERE period = ?').pluck().get(period));
    }
  });

  it('applies a post once: points, the post counts, and review cards for the misses', async () => {
    const postId = await round(0, seeded(3));
    const db = app.store.db;
    const answers = db.prepare('SELECT count(*) AS n, sum(correct) AS right, sum(points) AS points FROM answers WHERE post_id = ?').get(postId) as { n: number; right: number; points: number };
    expect(db.prepare("SELECT sum(points) FROM scores WHERE period = 'all'").pluck().get()).toBe(answers.points);
    expect(db.prepare('SELECT answer_count, correct_count FROM posts WHERE id = ?').get(postId)).toEqual({ answer_count: answers.n, correct_count: answers.right });
    expect(db.prepare('SELECT count(*) FROM review_cards').pluck().get()).toBe(answers.n - answers.right);
    expect(db.prepare('SELECT scored_at FROM posts WHERE id = ?').pluck().get(postId)).not.toBeNull();
  });
});
