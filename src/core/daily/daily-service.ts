import type { Library } from '../library.js';
import type { Streaks } from '../streaks.js';
import type { Clock } from '../time.js';
import type { Poster } from '../../adapters/poster.js';
import type { Logger } from '../../log.js';
import type { Platform } from '../../store/communities.js';
import type { DailyPost } from '../../store/daily-posts.js';
import type { Post } from '../../store/posts.js';
import type { ActiveSchedule } from '../../store/schedules.js';
import type { Store } from '../../store/store.js';
import { WriteBatch } from '../../store/write-batch.js';
import { noTelemetry, type Telemetry } from '../telemetry.js';
import { DailyCalls } from './daily-calls.js';
import { DailyResults } from './daily-results.js';
import { DailyTimer } from './daily-timer.js';
import { pickDailyItem } from './rotation.js';
import { WeeklyDigests } from './weekly-digests.js';
import { dueWindow, nextWindow, type PostWindow } from './schedule-times.js';

export interface DailyDeps {
  store: Store;
  library: Library;
  clock: Clock;
  streaks: Streaks;
  log: Logger;
  random?: () => number;
  telemetry?: Telemetry;
}

/** At most one "N answered" edit per post per this interval. */
export const countEditIntervalMs = 5_000;
/** Daily posts claimed in one transaction. */
const claimChunk = 100;
/** Platform calls' outcomes (message references, retry times) wait this long to share a commit. */
const outcomeLingerMs = 25;

/** What the /daily command tells the scheduler. */
export interface ScheduleListener {
  schedulesChanged(): void;
}

/**
 * The daily quiz: posts each scheduled channel's question exactly once per local day,
 * keeps its "N answered" count fresh, and closes and reveals it when its window ends.
 *
 * Exactly once: the post's row is claimed (status 'pending', UNIQUE (schedule_id, local_day))
 * in a transaction before any platform call; the platform's message reference is stored
 * and the post opened when the call returns. Every platform call holds a lease on the row,
 * so overlapping ticks or a second process never make the same call twice. See
 * the README ("The daily quiz": reliability) for the one residual risk and how findPost narrows it.
 */
export class DailyService implements ScheduleListener {
  private readonly posters = new Map<Platform, Poster>();
  private readonly log: Logger;
  private readonly random: () => number;
  private readonly timer: DailyTimer;
  private chain: Promise<void> = Promise.resolve();
  private readonly results: DailyResults;
  private readonly calls: DailyCalls;
  private readonly digests: WeeklyDigests;

  constructor(private readonly deps: DailyDeps) {
    this.log = deps.log.child({ module: 'daily' });
    this.random = deps.random ?? Math.random;
    this.results = new DailyResults(deps.store.db, deps.store, deps.library, deps.streaks);
    this.calls = new DailyCalls({ ...deps, log: this.log, results: this.results, posters: this.posters, telemetry: deps.telemetry ?? noTelemetry, writes: new WriteBatch(deps.store.db, () => deps.store.verifyFile(), 1000, outcomeLingerMs) });
    this.digests = new WeeklyDigests({ ...deps, log: this.log, posters: this.posters });
    this.timer = new DailyTimer({ clock: deps.clock, log: this.log, nextDueAt: () => this.nextDueAt(), tick: () => this.tick() });
  }

  /** The poster for one platform's communities; attaching again replaces it. */
  attach(platform: Platform, poster: Poster): void {
    this.posters.set(platform, poster);
    this.timer.wake(0);
  }

  /** Starts the timer; the first tick (catching up after downtime) runs at once. */
  start(): void {
    this.timer.start();
  }

  /** Stops the timer and waits for the platform calls in flight. */
  async stop(): Promise<void> {
    this.timer.stop();
    await this.chain;
  }

  /**
   * Does everything due at clock.now(): claims and makes due posts, closes and reveals
   * expired ones, retries failed calls whose backoff has passed, refreshes answer counts.
   * Ticks run one after another, never overlapping.
   */
  tick(): Promise<void> {
    const run = this.chain.then(() => this.runTick());
    this.chain = run.catch(() => undefined);
    return run;
  }

  /** Told about each recorded daily answer: refresh that post's count within the edit interval. */
  onAnswer(_post: Post): void {
    this.timer.wakeBy(this.deps.clock.now() + countEditIntervalMs);
  }

  /** A schedule was set, paused, resumed or removed: look again now, no restart needed. */
  schedulesChanged(): void {
    this.timer.wake(0);
  }

  private async runTick(): Promise<void> {
    // Results of posts closed just before a crash or stop, before anything else reads them.
    for (const id of this.results.unscored()) this.calls.score(id);
    // New posts are claimed a batch at a time while the batches before are being made.
    await this.calls.publishAll(this.claimDuePosts());
    // Windows that ran out with time (claims close their channel's earlier ones as they go).
    await this.closeExpired();
    await this.retryReveals();
    await this.calls.publishAll([this.deps.store.dailyPosts.toPublish(this.now())]);
    await this.refreshCounts();
    // The weekly digest rides the same tick: one scheduler, the same posters.
    await this.digests.tick();
  }

  private now(): number {
    return this.deps.clock.now();
  }

  /**
   * Claims every post that is due and not yet claimed, `claimChunk` to a transaction (at the
   * top of the hour thousands fall due together, and a commit each would hold them back), and
   * yields each chunk's posts as it is claimed, once the earlier posts its claims closed
   * are revealed: a channel sees yesterday's answer before today's question.
   */
  private async *claimDuePosts(): AsyncGenerator<DailyPost[]> {
    const { store } = this.deps;
    const now = this.now();
    const due: Array<{ schedule: ActiveSchedule; window: PostWindow }> = [];
    for (const schedule of store.schedules.active()) {
      if (!this.posters.has(schedule.platform)) continue;
      try {
        const window = dueWindow(schedule, now);
        if (window && !store.dailyPosts.hasPost(schedule.id, window.day)) due.push({ schedule, window });
      } catch (error) {
        this.log.error({ err: error, schedule: schedule.id }, 'could not work out whether the daily post is due');
      }
    }
    for (let i = 0; i < due.length; i += claimChunk) {
      const claimed = this.claimTogether(due.slice(i, i + claimChunk), now);
      await this.closeExpired();
      yield claimed;
    }
  }

  /** One transaction for a chunk of claims; if it fails, each is claimed alone, so one bad schedule never holds back the rest. */
  private claimTogether(due: ReadonlyArray<{ schedule: ActiveSchedule; window: PostWindow }>, now: number): DailyPost[] {
    let claimed: Array<DailyPost | undefined>;
    try {
      claimed = this.deps.store.write(() => due.map(({ schedule, window }) => this.claim(schedule, window, now)));
    } catch {
      claimed = due.map(({ schedule, window }) => {
        try {
          return this.deps.store.write(() => this.claim(schedule, window, now));
        } catch (error) {
          this.log.error({ err: error, schedule: schedule.id }, 'could not claim the daily post');
          return undefined;
        }
      });
    }
    claimed.forEach((post, i) => {
      const { schedule, window } = due[i]!;
      if (post) this.log.info({ post: post.id, schedule: schedule.id, channel: schedule.channelId, day: window.day, item: post.itemId }, 'daily post claimed');
    });
    return claimed.filter((post): post is DailyPost => post !== undefined);
  }

  /** End the channel's earlier windows, pick the item, insert the pending row: inside the caller's transaction. */
  private claim(schedule: ActiveSchedule, window: PostWindow, now: number): DailyPost | undefined {
    const { store, library } = this.deps;
    store.dailyPosts.closeEarlier(schedule.id, window.day, now);
    const withheld = store.reports.withheld(schedule.communityId);
    const item = pickDailyItem({
      bank: library.items.filter((i) => !withheld.has(i.id)),
      history: store.dailyReads.history(schedule.id),
      topicStats: store.dailyReads.topicStats(schedule.communityId),
      random: this.random,
    });
    return store.dailyPosts.claim(
      { communityId: schedule.communityId, scheduleId: schedule.id, channelId: schedule.channelId, localDay: window.day, itemId: item.id, opensAt: now, closesAt: window.closesAt },
      now,
    );
  }

  private async closeExpired(): Promise<void> {
    const { dailyPosts } = this.deps.store;
    for (const post of dailyPosts.expiredPending(this.now())) {
      await this.guard(post, () => this.calls.expirePending(post));
    }
    for (const post of dailyPosts.expiredOpen(this.now())) {
      await this.guard(post, async () => {
        if (!dailyPosts.close(post.id)) return;
        this.log.info({ post: post.id, answered: post.answerCount }, 'daily post closed');
        await this.calls.reveal(post.id);
      });
    }
  }

  private async retryReveals(): Promise<void> {
    for (const post of this.deps.store.dailyPosts.unrevealed(this.now())) {
      await this.guard(post, () => this.calls.reveal(post.id));
    }
  }

  private async refreshCounts(): Promise<void> {
    for (const post of this.deps.store.dailyPosts.staleCounts(this.now(), countEditIntervalMs)) await this.calls.refreshCount(post);
  }

  /** One post's trouble never stops the others. */
  private async guard(post: DailyPost, work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      this.log.error({ err: error, post: post.id }, 'daily post step failed');
    }
  }

  /**
   * The earliest moment anything needs doing (a post due, a window closing, a retry, a count
   * refresh), as far as the database says now; undefined when nothing is scheduled. The timer
   * sleeps until then, and tests jump the clock straight to it.
   */
  nextDueAt(): number | undefined {
    const { store } = this.deps;
    const now = this.now();
    let due: number | undefined;
    const consider = (at: number | undefined): void => {
      if (at !== undefined && (due === undefined || at < due)) due = at;
    };
    for (const schedule of store.schedules.active()) {
      if (!this.posters.has(schedule.platform)) continue;
      const window = dueWindow(schedule, now);
      if (window && !store.dailyPosts.hasPost(schedule.id, window.day)) return now;
      consider(nextWindow(schedule, now)?.at);
    }
    consider(store.dailyPosts.nextWake([...this.posters.keys()], countEditIntervalMs));
    consider(this.digests.nextDueAt());
    return due;
  }
}
