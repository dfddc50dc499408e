import { rmSync } from 'node:fs';
import { createApp, type App } from '../../src/app.js';
import type { BotInput } from '../../src/core/bot.js';
import type { Reply } from '../../src/core/reply.js';
import type { PostStatus } from '../../src/store/posts.js';
import { createLogger } from '../../src/log.js';
import { ManualClock } from './clock.js';
import { RecordingPoster } from './recording-poster.js';
import { caller, createTestApp } from './test-app.js';

/** A deterministic PRNG (mulberry32) so rotations are repeatable. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface DailyRow {
  id: number;
  localDay: string;
  status: PostStatus;
  messageRef: string | null;
  itemId: string;
  channelId: string;
  closesAt: number;
  lastError: string | null;
  revealedAt: number | null;
  answerCount: number;
}

export const minute = 60_000;
export const hour = 60 * minute;
export const day = 24 * hour;

/**
 * One community on the terminal platform with a recording poster attached, a manual clock
 * and a real SQLite file that survives restarts.
 */
export class DailyWorld {
  readonly clock: ManualClock;
  readonly poster: RecordingPoster;
  app: App;
  private readonly dir: string;
  private readonly dbPath: string;
  private readonly random: () => number;

  constructor(start: number, options: { canFind?: boolean; seed?: number } = {}) {
    this.clock = new ManualClock(start);
    this.random = seeded(options.seed ?? 1);
    const first = createTestApp({ clock: this.clock, random: this.random });
    this.app = first;
    this.dir = first.dir;
    this.dbPath = first.dbPath;
    this.poster = new RecordingPoster({ canFind: options.canFind ?? false, clock: this.clock });
    this.app.daily.attach('terminal', this.poster);
  }

  /** Runs a command or presses a button as `user` (admin when asked). */
  async as(user: string, input: string | BotInput, admin = false): Promise<Reply> {
    const bot = this.app.bot;
    return bot.handle(caller(user, { admin }), typeof input === 'string' ? (input.startsWith('/') ? { type: 'text', text: input } : { type: 'action', id: input }) : input);
  }

  admin(text: string): Promise<Reply> {
    return this.as('Admin', text, true);
  }

  /** Moves the clock in steps, ticking after each, until `ms` have passed. */
  async run(ms: number, step = 10 * minute): Promise<void> {
    const end = this.clock.now() + ms;
    while (this.clock.now() < end) {
      this.clock.set(Math.min(end, this.clock.now() + step));
      await this.app.daily.tick();
    }
  }

  /**
   * Jumps the clock from one due moment to the next (as the production timer sleeps), ticking
   * at each, until `ms` have passed. Fails if the scheduler keeps asking for the same moment.
   */
  async jump(ms: number): Promise<void> {
    const end = this.clock.now() + ms;
    let stuck = 0;
    for (;;) {
      const next = this.app.daily.nextDueAt();
      if (next === undefined || next > end) break;
      stuck = next <= this.clock.now() ? stuck + 1 : 0;
      if (stuck > 3) throw new Error(`the scheduler keeps asking for ${new Date(next).toISOString()}`);
      this.clock.set(Math.max(next, this.clock.now()));
      await this.app.daily.tick();
    }
    this.clock.set(end);
    await this.app.daily.tick();
  }

  async tick(): Promise<void> {
    await this.app.daily.tick();
  }

  /** The process goes down (nothing ticks) and comes back on the same database file. */
  restart(): void {
    this.app.close();
    this.app = createApp({ databasePath: this.dbPath, clock: this.clock, log: createLogger('silent'), random: this.random });
    this.app.daily.attach('terminal', this.poster);
  }

  dispose(): void {
    this.app.close();
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** Every daily post row, oldest first. */
  dailyPosts(): DailyRow[] {
    return this.app.store.db
      .prepare(
        `SELECT id, local_day AS localDay, status, message_ref AS messageRef, item_id AS itemId, channel_id AS channelId,
                closes_at AS closesAt, last_error AS lastError, revealed_at AS revealedAt, answer_count AS answerCount
         FROM posts WHERE kind = 'daily' ORDER BY id`,
      )
      .all() as DailyRow[];
  }

  /** The post id a posted question's buttons point at. */
  static postIdOf(reply: Reply): number {
    const action = RecordingPoster.answerActionOf(reply);
    if (!action) throw new Error('no choices on that reply');
    return Number(action.split(':')[1]);
  }
}
