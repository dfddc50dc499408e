/**
 * The work an adapter has accepted and not finished (a command being answered, a press
 * being recorded and replied to). Shutdown closes the gate first, so nothing new starts,
 * then waits here until every accepted piece of work is done, before the connection and
 * the database close: a member whose answer was taken always hears back.
 */
export class InFlight {
  private readonly running = new Set<Promise<unknown>>();
  private closed = false;

  /** False once draining began: new work must be refused. */
  get accepting(): boolean {
    return !this.closed;
  }

  /** Tracks work already started; its failure is the caller's to handle. */
  track<T>(work: Promise<T>): Promise<T> {
    this.running.add(work);
    const done = (): void => {
      this.running.delete(work);
    };
    work.then(done, done);
    return work;
  }

  /** Stops accepting and resolves once everything accepted so far (and anything it started) has finished. */
  async drain(): Promise<void> {
    this.closed = true;
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }
}
