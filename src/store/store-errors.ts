/**
 * A write SQLite refused for an operational reason (another process holds the lock, the
 * file or disk turned read-only or full, an I/O error): the transaction was rolled back
 * whole, so nothing of it was saved, and the same action may well work in a moment.
 * Kept free of imports so the core can ask without loading the driver.
 */
export function isUnsavedWrite(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' && /^SQLITE_(BUSY|LOCKED|READONLY|FULL|IOERR|CANTOPEN)(_|$)/.test(code);
}

/** What a member is told when their action could not be saved. */
export const unsavedWriteText = 'I could not save that just now: the database is busy or unavailable. Nothing was recorded; please try again in a moment.';
