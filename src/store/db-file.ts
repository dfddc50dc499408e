import { statSync } from 'node:fs';
import { DatabaseFileGone } from './store-errors.js';

/**
 * Notices when the database file is deleted or replaced under the running bot. SQLite keeps
 * writing into the open, unlinked file, and everything written there is gone at the next
 * start; so once the path no longer leads to the file we opened, no write is acknowledged.
 * One stat per commit (per group commit on the answer path), not per answer.
 */
export class DbFileWatch {
  private readonly identity: { dev: number; ino: number } | undefined;
  private gone = false;

  constructor(
    private readonly path: string,
    /** Told once, when the file is found gone. */
    private readonly onGone: (message: string) => void,
  ) {
    const stat = path === ':memory:' || path === '' ? undefined : statSync(path, { throwIfNoEntry: false });
    this.identity = stat && { dev: stat.dev, ino: stat.ino };
  }

  /** Throws DatabaseFileGone once the path no longer leads to the file that was opened. */
  verify(): void {
    if (!this.identity) return;
    if (!this.gone) {
      const stat = statSync(this.path, { throwIfNoEntry: false });
      if (stat && stat.dev === this.identity.dev && stat.ino === this.identity.ino) return;
      this.gone = true;
      this.onGone(`${this.path} was deleted or replaced while the bot was running: nothing more is acknowledged. Restore it from a backup (npm run backup makes one) and restart.`);
    }
    throw new DatabaseFileGone(this.path);
  }
}
