import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WriteBatch } from '../../src/store/write-batch.js';

describe('group commit', () => {
  let dir = '';
  let db: Database.Database;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cloudstudy-batch-'));
    db = new Database(join(dir, 'b.db'));
    db.pragma('journal_mode = WAL');
    db.exec('CREATE TABLE t (v INTEGER UNIQUE)');
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('commits writes of one turn together; a failing write rolls back alone', async () => {
    const batch = new WriteBatch(db);
    const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
    const results = await Promise.allSettled([
      batch.submit(() => insert.run(1).changes),
      batch.submit(() => {
        insert.run(2);
        throw new Error('after a partial write');
      }),
      batch.submit(() => insert.run(1).changes), // violates UNIQUE
      batch.submit(() => insert.run(3).changes),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
    expect(db.prepare('SELECT v FROM t ORDER BY v').pluck().all()).toEqual([1, 3]);
  });

  it('settles only after the commit: another connection already sees the row', async () => {
    const batch = new WriteBatch(db);
    const reader = new Database(join(dir, 'b.db'), { readonly: true });
    const seen = await batch.submit(() => db.prepare('INSERT INTO t (v) VALUES (7)').run()).then(() => reader.prepare('SELECT count(*) FROM t WHERE v = 7').pluck().get());
    reader.close();
    expect(seen).toBe(1);
  });

  it('a locked database rejects every write of the batch and writes nothing', async () => {
    const batch = new WriteBatch(db);
    const blocker = new Database(join(dir, 'b.db'), { timeout: 0 });
    blocker.exec('BEGIN IMMEDIATE');
    db.pragma('busy_timeout = 0');
    const results = await Promise.allSettled([batch.submit(() => db.prepare('INSERT INTO t (v) VALUES (8)').run()), batch.submit(() => db.prepare('INSERT INTO t (v) VALUES (9)').run())]);
    blocker.exec('ROLLBACK');
    blocker.close();
    expect(results.every((r) => r.status === 'rejected')).toBe(true);
    expect(db.prepare('SELECT count(*) FROM t').pluck().get()).toBe(0);
  });
});
