import type { Db } from './db.js';

/**
 * Tells a cache of database rows when to forget them: `data_version` changes when another
 * connection (another process on the file) commits, `total_changes()` when this one writes.
 * Read at most once per turn of the event loop, so a burst of presses shares one read:
 * whatever was committed before the turn began is seen.
 */
export class CommitWatch {
  private readonly stmt;
  private seen: string | undefined;
  private checkedThisTurn = false;

  constructor(db: Db) {
    this.stmt = db.prepare<[], string>("SELECT total_changes() || ':' || data_version FROM pragma_data_version()").pluck();
  }

  /** True when something was committed since the last call that looked (the first call looks). */
  changed(): boolean {
    if (this.checkedThisTurn) return false;
    this.checkedThisTurn = true;
    setImmediate(() => (this.checkedThisTurn = false));
    const now = this.stmt.get();
    if (now === this.seen) return false;
    this.seen = now;
    return true;
  }
}
