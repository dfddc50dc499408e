import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrationsDir } from '../../src/app.js';
import { openDb, StoreError } from '../../src/store/db.js';
import { migrate } from '../../src/store/migrate.js';
import { createStore } from '../../src/store/store.js';

describe('the SQLite store', () => {
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cloudstudy-store-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('opens in WAL mode with a busy timeout and applies each migration once', () => {
    const path = join(dir, 'a.db');
    const db = openDb(path, { migrationsDir });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    const applied = db.prepare('SELECT name FROM schema_migrations ORDER BY name').pluck().all();
    expect(applied[0]).toBe('0001_init.sql');
    expect(migrate(db, migrationsDir)).toEqual([]);
    db.close();
    const again = openDb(path, { migrationsDir });
    expect(again.prepare('SELECT count(*) FROM schema_migrations').pluck().get()).toBe(applied.length);
    again.close();
  });

  it('a failing migration rolls back and leaves the schema as it was', () => {
    const migrations = join(dir, 'migrations');
    cpSync(migrationsDir, migrations, { recursive: true });
    writeFileSync(join(migrations, '9999_broken.sql'), 'CREATE TABLE half_done (id INTEGER);\nINSERT INTO no_such_table VALUES (1);\n');
    const path = join(dir, 'b.db');
    expect(() => openDb(path, { migrationsDir: migrations })).toThrow(/migration 9999_broken\.sql failed and was rolled back/);
    const db = new Database(path);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'half_done'").pluck().get()).toBe(0);
    expect(db.prepare("SELECT count(*) FROM schema_migrations WHERE name = '9999_broken.sql'").pluck().get()).toBe(0);
    expect(db.prepare("SELECT count(*) FROM schema_migrations WHERE name = '0001_init.sql'").pluck().get()).toBe(1);
    db.close();
  });

  it('a corrupt file gives one clear error', () => {
    const path = join(dir, 'corrupt.db');
    writeFileSync(path, 'this is not a database, just some text that is long enough to have a header '.repeat(100));
    expect(() => openDb(path, { migrationsDir })).toThrow(StoreError);
    expect(() => openDb(path, { migrationsDir })).toThrow(/not a usable SQLite database.*backup/);
  });

  it('a write whose row is used refuses to run outside a transaction, and works inside Store.write', () => {
    const store = createStore(openDb(join(dir, 'w.db'), { migrationsDir }));
    const ref = { platform: 'slack' as const, externalId: 'T1', name: 'one' };
    const refusals = [
      () => store.communities.ensure(ref, 1),
      () => store.communities.ensureMember(1, 'U1', 'Ana', 1),
      () => store.posts.create({ communityId: 1, kind: 'practice', itemId: 'x', memberId: 1, opensAt: 1 }, 1),
      () => store.schedules.set({ communityId: 1, channelId: 'C1', channelName: '', localTime: '09:00', timeZone: 'UTC', days: [1], closeAfterMinutes: null }, 1),
      () => store.dailyPosts.claim({ communityId: 1, scheduleId: 1, channelId: 'C1', localDay: '2026-11-18', itemId: 'x', opensAt: 1, closesAt: 2 }, 1),
      () => store.dailyPosts.lease(1, 1, 2),
    ];
    for (const refused of refusals) expect(refused).toThrow(/must run inside Store.write/);
    expect(store.db.prepare('SELECT count(*) FROM communities').pluck().get()).toBe(0);
    const community = store.write(() => store.communities.ensure(ref, 1));
    expect(store.communities.find(ref)).toEqual(community);
    store.db.close();
  });
});
