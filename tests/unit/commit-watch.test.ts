import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { migrationsDir } from '../../src/app.js';
import { StreakStore } from '../../src/store/streaks.js';
import { Streaks } from '../../src/core/streaks.js';
import { CommitWatch } from '../../src/store/commit-watch.js';
import { openDb, type Db } from '../../src/store/db.js';

describe('caches of database rows forget them when anything is committed, by any connection', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cloudstudy-commits-'));
  const open: Db[] = [];
  const connect = (): Db => {
    const db = openDb(join(dir, 'shared.db'), { migrationsDir });
    open.push(db);
    return db;
  };
  afterEach(() => {
    for (const db of open.splice(0)) db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("another connection's commit and this connection's own write are both seen at the next turn", async () => {
    const mine = connect();
    const other = connect();
    const watch = new CommitWatch(mine);
    expect(watch.changed()).toBe(true); // the first look
    await nextTurn();
    expect(watch.changed()).toBe(false);
    await nextTurn();
    other.prepare("INSERT INTO communities (platform, external_id, created_at) VALUES ('slack', 'T1', 0)").run();
    expect(watch.changed()).toBe(true);
    await nextTurn();
    mine.prepare("INSERT INTO communities (platform, external_id, created_at) VALUES ('slack', 'T2', 0)").run();
    expect(watch.changed()).toBe(true);
    await nextTurn();
    expect(watch.changed()).toBe(false);
  });

  it("the streak preview counts the scheduled days another process's posts add", async () => {
    const mine = connect();
    const other = connect();
    mine.prepare("INSERT INTO communities (id, platform, external_id, created_at) VALUES (1, 'slack', 'T1', 0)").run();
    const member = { id: 1, communityId: 1, externalId: 'U1', displayName: 'Ana', streakCurrent: 3, streakBest: 3, streakLastDay: '2026-11-15' };
    const streaks = new Streaks(new StreakStore(mine));
    // No scheduled day between the 15th and the 18th: the streak grows.
    expect(streaks.preview(member, '2026-11-18')).toBe(4);
    await nextTurn();
    // Another process posted daily questions on the 16th and 17th: two missed days break it.
    const post = other.prepare("INSERT INTO posts (community_id, kind, item_id, local_day, status, message_ref, opens_at, created_at) VALUES (1, 'daily', 'x', ?, 'closed', 'm', 0, 0)");
    post.run('2026-11-16');
    post.run('2026-11-17');
    expect(streaks.preview(member, '2026-11-18')).toBe(1);
  });
});
