import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
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
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  let db: Db;
  try {
    db = new Database(path, { readonly: options.readonly ?? false, timeout: 5000 });
    db.pragma('journal_mode = WAL');
    // NORMAL is durable across application crashes in WAL mode; only an OS crash can lose
    // the last commits, which is the trade SQLite documents for WAL.
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    if (!options.readonly) migrate(db, options.migrationsDir);
  } catch (error) {
    throw describeOpenError(path, error);
  }
  return db;
}

function describeOpenError(path: string, error: unknown): Error {
  if (error instanceof StoreError) return error;
  const code = (error as { code?: string }).code ?? '';
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
    return new StoreError(`${path} is not a usable SQLite database (${message}). Restore it from a backup (npm run backup makes one) or point DATABASE_PATH at a new file.`);
  }
  if (code === 'SQLITE_READONLY' || code === 'SQLITE_CANTOPEN' || code === 'EACCES') {
    return new StoreError(`${path} cannot be opened for writing (${message}). Check the file's and folder's permissions, or set DATABASE_PATH to a writable location.`);
  }
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
    return new StoreError(`${path} is locked by another process (${message}). Stop the other process or wait, then start again.`);
  }
  return new StoreError(`${path}: ${message}`);
}
