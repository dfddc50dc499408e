import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from './db.js';

/**
 * Applies migrations/NNNN_name.sql in order, each in its own transaction and recorded in
 * schema_migrations, so each runs once; a failing one rolls back and leaves the schema as it was.
 */
export function migrate(db: Db, dir: string): string[] {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at INTEGER NOT NULL)');
  const applied = new Set(db.prepare('SELECT name FROM schema_migrations').pluck().all() as string[]);
  const files = readdirSync(dir).filter((f) => /^\d{4}_[\w-]+\.sql$/.test(f)).sort();
  const record = db.prepare('INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)');
  const ran: string[] = [];
  const done = db.prepare<[string], number>('SELECT count(*) FROM schema_migrations WHERE name = ?').pluck();
  for (const file of files) {
    if (applied.has(file)) continue;
    const sql = readFileSync(join(dir, file), 'utf8');
    try {
      const applies = db.transaction(() => {
        // Another process starting on the same file may have applied it while we waited for the lock.
        if (done.get(file)) return false;
        db.exec(sql);
        record.run(file, Date.now());
        return true;
      }).immediate();
      if (applies) ran.push(file);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      // The SQLite code travels on, so a lock or a read-only file is reported as such, not as a broken migration.
      const code = (error as { code?: unknown }).code;
      throw Object.assign(new Error(`migration ${file} failed and was rolled back: ${message}`, { cause: error }), typeof code === 'string' ? { code } : {});
    }
  }
  return ran;
}
