import Database from 'better-sqlite3';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { StoreError } from './db.js';

export interface BackupResult {
  destination: string;
  pages: number;
}

/** ./backups/cloudstudy-2026-11-16T09-30-00Z.db: sorts by time, no characters a file system refuses. */
export function defaultBackupPath(at: Date, folder = 'backups'): string {
  return join(folder, `cloudstudy-${at.toISOString().replace(/\.\d+Z$/, 'Z').replace(/:/g, '-')}.db`);
}

/**
 * Copies the database with SQLite's online backup API while the bot keeps running. The
 * source is opened read-only, so the backup can never change it; every page is copied in
 * one step, inside one read transaction, so the copy is one consistent moment even while
 * answers are being committed (WAL lets the bot write meanwhile; a copy in small steps
 * would restart after each of its commits). The copy is checked before it is reported.
 */
export async function backupDatabase(source: string, destination: string): Promise<BackupResult> {
  if (!existsSync(source)) throw new StoreError(`${source} does not exist: nothing to back up. Is DATABASE_PATH right?`);
  if (existsSync(destination)) throw new StoreError(`${destination} already exists; a backup never overwrites a file. Name another one.`);
  mkdirSync(dirname(destination), { recursive: true });
  let db: Database.Database;
  try {
    db = new Database(source, { readonly: true, fileMustExist: true, timeout: 5000 });
  } catch (error) {
    throw new StoreError(`${source} cannot be read (${error instanceof Error ? error.message : String(error)}).`);
  }
  try {
    const progress = await db.backup(destination, { progress: ({ totalPages }) => Math.max(totalPages, 1) });
    const copy = new Database(destination, { fileMustExist: true });
    try {
      // One self-contained file to move around: the copy leaves WAL mode (start-up sets it again after a restore).
      copy.pragma('journal_mode = DELETE');
      const check = copy.pragma('integrity_check', { simple: true });
      if (check !== 'ok') throw new StoreError(`the copy at ${destination} failed its integrity check (${String(check)})`);
    } finally {
      copy.close();
    }
    return { destination, pages: progress.totalPages };
  } catch (error) {
    // A half-written or failed copy must not pass for a backup later.
    rmSync(destination, { force: true });
    if (error instanceof StoreError) throw error;
    throw new StoreError(`backing up ${source} failed (${error instanceof Error ? error.message : String(error)}).`);
  } finally {
    db.close();
  }
}
