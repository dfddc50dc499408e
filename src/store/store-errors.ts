/**
 * A write SQLite refused for an operational reason (another process holds the lock, the
 * file or disk turned read-only or full, an I/O error), or one made into a database file
 * that has since been deleted: nothing of it will be found at the next start, and the same
 * action may well work once the fault is cleared.
 * Kept free of imports so the core can ask without loading the driver.
 */
export function isUnsavedWrite(error: unknown): boolean {
  if (error instanceof DatabaseFileGone) return true;
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' && /^SQLITE_(BUSY|LOCKED|READONLY|FULL|IOERR|CANTOPEN)(_|$)/.test(code);
}

/** The database file was deleted or replaced under the running bot (see db-file.ts). */
export class DatabaseFileGone extends Error {
  override name = 'DatabaseFileGone';
  constructor(path: string) {
    super(`${path} is no longer the file the bot opened; the write was not kept`);
  }
}

/**
 * A write whose result is used (a row it returns) was run outside an explicit transaction.
 * In autocommit, better-sqlite3's .get() returns the row and drops the error of the COMMIT
 * that follows, so a row that was never stored would be shown to a member or cached.
 */
export function requireTransaction(db: { inTransaction: boolean }, what: string): void {
  if (!db.inTransaction) throw new Error(`${what} must run inside Store.write (or the write batch), so a failed commit throws before its row is used`);
}

/** What a member is told when their action could not be saved. */
export const unsavedWriteText = 'I could not save that just now: the database is busy or unavailable. Nothing was recorded; please try again in a moment.';
