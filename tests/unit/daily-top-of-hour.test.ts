import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Poster } from '../../src/adapters/poster.js';
import { createApp, type App } from '../../src/app.js';
import { maxInFlight } from '../../src/core/daily/daily-calls.js';
import { createLogger } from '../../src/log.js';
import { closeEarlierSql } from '../../src/store/daily-posts.js';
import { ManualClock } from '../support/clock.js';

/** A platform that takes a moment to answer, and remembers how many calls it had at once. */
class SlowPlatform implements Poster {
  readonly postsByChannel = new Map<string, number>();
  private running = 0;
  mostAtOnce = 0;
  private next = 0;

  async post(channelId: string): Promise<string> {
    this.running += 1;
    this.mostAtOnce = Math.max(this.mostAtOnce, this.running);
    await new Promise((resolve) => setTimeout(resolve, 1));
    this.running -= 1;
    this.postsByChannel.set(channelId, (this.postsByChannel.get(channelId) ?? 0) + 1);
    this.next += 1;
    return `m${this.next}`;
  }

  async edit(): Promise<void> {}
}

describe('the top of the hour: many communities due in the same minute', () => {
  const dirs: string[] = [];
  const apps: App[] = [];
  afterEach(() => {
    for (const app of apps.splice(0)) app.close();
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('two processes on one database make each post once, several at a time within the bound', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cloudstudy-top-'));
    dirs.push(dir);
    const dbPath = join(dir, 'bot.db');
    // Monday 09:00 UTC; London is on UTC in November, Paris is an hour ahead.
    const clock = new ManualClock(Date.UTC(2026, 10, 16, 9, 0));
    const first = createApp({ databasePath: dbPath, clock, log: createLogger('silent') });
    const second = createApp({ databasePath: dbPath, clock, log: createLogger('silent') });
    apps.push(first, second);
    const communities = 600;
    first.store.write(() => {
      for (let i = 0; i < communities; i += 1) {
        const community = first.store.communities.ensure({ platform: 'discord', externalId: `guild${i}`, name: `Guild ${i}` }, clock.now() - 60_000);
        const [localTime, timeZone] = i % 3 === 0 ? ['09:00', 'UTC'] : i % 3 === 1 ? ['09:00', 'Europe/London'] : ['10:00', 'Europe/Paris'];
        first.store.schedules.set({ communityId: community.id, channelId: `channel${i}`, channelName: 'quiz', localTime, timeZone, days: [1, 2, 3, 4, 5], closeAfterMinutes: 60 }, clock.now() - 60_000);
      }
    });

    const platform = new SlowPlatform();
    first.daily.attach('discord', platform);
    second.daily.attach('discord', platform);
    await Promise.all([first.daily.tick(), second.daily.tick(), first.daily.tick()]);

    expect(platform.postsByChannel.size).toBe(communities);
    expect([...platform.postsByChannel.values()].every((n) => n === 1)).toBe(true);
    expect(platform.mostAtOnce).toBeGreaterThan(1);
    expect(platform.mostAtOnce).toBeLessThanOrEqual(2 * maxInFlight);
    const rows = first.store.db.prepare(`SELECT status, count(*) AS n FROM posts WHERE kind = 'daily' GROUP BY status`).all();
    expect(rows).toEqual([{ status: 'open', n: communities }]);
  });

  it("a claim closes the channel's earlier window through the schedule's index, not by scanning every pending post", () => {
    const dir = mkdtempSync(join(tmpdir(), 'cloudstudy-top-'));
    dirs.push(dir);
    const app = createApp({ databasePath: join(dir, 'bot.db'), log: createLogger('silent') });
    apps.push(app);
    const plan = app.store.db
      .prepare(`EXPLAIN QUERY PLAN ${closeEarlierSql}`)
      .all({ now: 0, schedule: 1, day: '2026-11-16' })
      .map((row) => (row as { detail: string }).detail)
      .join('; ');
    expect(plan).toContain('USING INDEX posts_schedule');
  });
});
