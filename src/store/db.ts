import Database from 'better-sqlite3';
import { mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { migrate } from './migrate.js';

export type Db = Database.Database;

/** A database file that cannot be opened or used; the message says what to do. */
export class StoreError extends Error {
  override name = 'StoreError';
}

export interface OpenOptions {
  /** Folder of NNNN_name.sql files; defaults to the project's migrations/. */
  migrationsDir: string;
  readonly?: boolean;
}

/** Opens (creating if needed) the SQLite file, sets WAL and a busy timeout, applies migrations. */
export function openDb(path: string, options: OpenOptions): Db {
  let db: Db | undefined;
  try {
    if (path !== ':memory:') makeFolder(dirname(path));
    db = new Database(path, { readonly: options.readonly ?? false, timeout: 5000 });
    db.pragma('journal_mode = WAL');
    // FULL: a commit is on disk before it returns, so an answer acknowledged to a member
    // survives even a power cut. Answers commit in groups (write-batch.ts), so a burst pays
    // for one sync per group, not one per answer.
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    // 8 MB of page cache (better-sqlite3 defaults to 16 MB): the hot pages (open posts, the
    // leaderboard's index) fit many times over, and the bot stays small on a small VM.
    db.pragma('cache_size = -8000');
    db.pragma('busy_timeout = 5000');
    if (!options.readonly) {
      migrate(db, options.migrationsDir);
      checkWritable(db);
    }
  } catch (error) {
    // A half-opened handle would keep the file (and its lock) until the process exits.
    if (db?.open) db.close();
    throw describeOpenError(path, error);
  }
  return db;
}

/**
 * mkdirSync's `recursive` loops forever (100% CPU) where mkdir says ENOENT although the
 * parent exists, as under /proc: it creates the parent (EEXIST) and retries the child
 * without end. One level at a time, each failure is thrown.
 */
function makeFolder(dir: string): void {
  if (statSync(dir, { throwIfNoEntry: false })) return;
  const parent = dirname(dir);
  if (parent !== dir) makeFolder(parent);
  try {
    mkdirSync(dir);
  } catch (error) {
    // Another process starting beside us may have made it first.
    if ((error as { code?: string }).code !== 'EEXIST' || !statSync(dir).isDirectory()) throw error;
  }
}

/**
 * SQLite quietly opens a file the OS will not let it write as read-only, and an up-to-date
 * schema needs no write to migrate: without this the bot would start and fail on every
 * answer. One write, rolled back, finds out at start-up instead.
 */
function checkWritable(db: Db): void {
  const probe = db.prepare("INSERT INTO schema_migrations (name, applied_at) VALUES ('(write check)', 0)");
  try {
    db.transaction(() => {
      probe.run();
      throw rollBack;
    }).immediate();
  } catch (error) {
    if (error !== rollBack) throw error;
  }
}

const rollBack = new Error('the write check is always rolled back');

function describeOpenError(path: string, error: unknown): Error {
  if (error instanceof StoreError) return error;
  const code = (error as { code?: string }).code ?? '';
  const message = error instanceof Error ? error.message : String(error);
  // Extended result codes (SQLITE_READONLY_DIRECTORY, SQLITE_CANTOPEN_ISDIR…) share their primary code's prefix.
  const is = (...primary: string[]): boolean => primary.some((p) => code === p || code.startsWith(`${p}_`));
  if (is('SQLITE_NOTADB', 'SQLITE_CORRUPT')) {
    return new StoreError(`${path} is not a usable SQLite database (${message}). Restore it from a backup (npm run backup makes one) or point DATABASE_PATH at a new file.`);
  }
  if (is('SQLITE_READONLY', 'SQLITE_CANTOPEN', 'SQLITE_PERM') || ['EACCES', 'EPERM', 'EROFS', 'ENOTDIR', 'EEXIST', 'ENOENT'].includes(code)) {
    return new StoreError(`${path} cannot be opened for writing (${message}). Check the file's and folder's permissions, or set DATABASE_PATH to a writable location.`);
  }
  if (is('SQLITE_BUSY', 'SQLITE_LOCKED')) {
    return new StoreError(`${path} is locked by another process (${message}). Stop the other process or wait, then start again.`);
  }
  return new StoreError(`${path}: ${message}`);
}
