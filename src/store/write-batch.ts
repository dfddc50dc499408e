import type { Db } from './db.js';

interface Pending {
  work: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: writes submitted in the same turn of the event loop (a burst of button
 * presses arriving together) commit in one transaction, so a burst pays for one commit
 * and shares its page writes instead of paying per answer. A promise settles only after
 * the commit, so nothing is acknowledged to a member before it is on disk.
 *
 * The fast path runs the writes back to back with no savepoint each (a savepoint pair
 * cost as much as the answer's own insert). If any write throws, the whole transaction
 * rolls back and the batch is replayed one write per transaction, so a failing write
 * fails alone and the others still land.
 */
export class WriteBatch {
  private queue: Pending[] = [];
  private scheduled = false;

  constructor(
    private readonly db: Db,
    /** Called after each commit; a throw means the commit cannot be trusted (the file is gone) and nothing is acknowledged. */
    private readonly afterCommit: () => void = () => undefined,
    /** Commit early when this many writes are waiting. */
    private readonly maxBatch = 1000,
    /**
     * How long a write may wait for others to share its commit: 0 is the end of the current
     * turn (answers, which a member is waiting on). Writes that nobody waits on can linger a
     * few milliseconds so that outcomes arriving over several turns share one disk sync.
     */
    private readonly lingerMs = 0,
  ) {}

  submit<T>(work: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (this.queue.length >= this.maxBatch) this.flush();
      else if (!this.scheduled) {
        this.scheduled = true;
        if (this.lingerMs > 0) setTimeout(() => this.flush(), this.lingerMs);
        else setImmediate(() => this.flush());
      }
    });
  }

  /** Commits everything waiting now. */
  flush(): void {
    this.scheduled = false;
    const batch = this.queue;
    this.queue = [];
    if (batch.length === 0) return;
    let values: unknown[];
    let failedInWork = false;
    try {
      // IMMEDIATE takes the write lock up front: if another process holds it, the batch waits
      // out the busy timeout once and fails whole, instead of each write waiting in turn.
      values = this.db
        .transaction(() =>
          batch.map((pending) => {
            try {
              return pending.work();
            } catch (error) {
              failedInWork = true;
              throw error;
            }
          }),
        )
        .immediate();
      this.afterCommit();
    } catch (error) {
      // A write of the batch failed: replay so the others still land. The lock or the commit
      // failed: nothing was written, and trying each again would only wait again.
      if (failedInWork && batch.length > 1) this.replayAlone(batch);
      else for (const pending of batch) pending.reject(error);
      return;
    }
    batch.forEach((pending, i) => pending.resolve(values[i]));
  }

  /** After a failed batch (nothing of it written): each write in its own transaction. */
  private replayAlone(batch: Pending[]): void {
    for (const pending of batch) {
      try {
        const value = this.db.transaction(pending.work).immediate();
        this.afterCommit();
        pending.resolve(value);
      } catch (error) {
        pending.reject(error);
      }
    }
  }
}
