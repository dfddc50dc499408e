import type { Db } from './db.js';

interface Pending {
  work: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: writes submitted in the same turn of the event loop (a burst of button
 * presses arriving together) commit in one transaction, so a burst pays for one commit
 * and shares its page writes instead of paying per answer. Each write runs in its own
 * savepoint, so one failing write rolls back alone. A promise settles only after the
 * commit, so nothing is acknowledged to a member before it is on disk.
 */
export class WriteBatch {
  private queue: Pending[] = [];
  private scheduled = false;

  constructor(
    private readonly db: Db,
    /** Commit early when this many writes are waiting. */
    private readonly maxBatch = 1000,
  ) {}

  submit<T>(work: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (this.queue.length >= this.maxBatch) this.flush();
      else if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** Commits everything waiting now. */
  flush(): void {
    this.scheduled = false;
    const batch = this.queue;
    this.queue = [];
    if (batch.length === 0) return;
    const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
    try {
      // IMMEDIATE takes the write lock up front: if another process holds it, the batch waits
      // out the busy timeout once and fails whole, instead of each savepoint waiting in turn.
      this.db
        .transaction(() => {
          for (const pending of batch) {
            try {
              outcomes.push({ ok: true, value: this.db.transaction(pending.work)() });
            } catch (error) {
              outcomes.push({ ok: false, error });
            }
          }
        })
        .immediate();
    } catch (error) {
      // The commit itself failed (disk full, database locked too long): nothing was written.
      for (const pending of batch) pending.reject(error);
      return;
    }
    batch.forEach((pending, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) pending.resolve(outcome.value);
      else pending.reject(outcome.error);
    });
  }
}
