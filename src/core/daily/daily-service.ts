import { answerAction } from '../actions.js';
import type { QuizItem } from '../content/schema.js';
import type { Library } from '../library.js';
import type { Reply } from '../reply.js';
import type { Streaks } from '../streaks.js';
import type { Clock } from '../time.js';
import type { Poster } from '../../adapters/poster.js';
import type { Logger } from '../../log.js';
import type { Platform } from '../../store/communities.js';
import type { DailyPost } from '../../store/daily-posts.js';
import type { Post } from '../../store/posts.js';
import type { ActiveSchedule } from '../../store/schedules.js';
import type { Store } from '../../store/store.js';
import { DailyResults } from './daily-results.js';
import { DailyTimer } from './daily-timer.js';
import { openPostReply, revealReply } from './post-render.js';
import { backoffMs, errorText, isPermanent, maxRevealAttempts } from './retry.js';
import { pickDailyItem } from './rotation.js';
import { dueWindow, nextWindow, type PostWindow } from './schedule-times.js';

export interface DailyDeps {
  store: Store;
  library: Library;
  clock: Clock;
  streaks: Streaks;
  log: Logger;
  random?: () => number;
}

/** At most one "N answered" edit per post per this interval. */
export const countEditIntervalMs = 5_000;
/** How long one attempt at a platform call may run before another may try again. */
export const attemptLeaseMs = 60_000;
const streakLeaderCount = 5;

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

  constructor(private readonly deps: DailyDeps) {
    this.log = deps.log.child({ module: 'daily' });
    this.random = deps.random ?? Math.random;
    this.results = new DailyResults(deps.store.db, deps.store, deps.library, deps.streaks);
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
    for (const id of this.results.unscored()) this.score(id);
    this.claimDuePosts();
    await this.closeExpired();
    await this.retryReveals();
    await this.publishPending();
    await this.refreshCounts();
  }

  private now(): number {
    return this.deps.clock.now();
  }

  private claimDuePosts(): void {
    const { store } = this.deps;
    const now = this.now();
    for (const schedule of store.schedules.active()) {
      if (!this.posters.has(schedule.platform)) continue;
      try {
        const window = dueWindow(schedule, now);
        if (!window || store.dailyPosts.hasPost(schedule.id, window.day)) continue;
        const post = this.claim(schedule, window, now);
        if (post) this.log.info({ post: post.id, schedule: schedule.id, channel: schedule.channelId, day: window.day, item: post.itemId }, 'daily post claimed');
      } catch (error) {
        this.log.error({ err: error, schedule: schedule.id }, 'could not claim the daily post');
      }
    }
  }

  /** One transaction: end the channel's earlier windows, pick the item, insert the pending row. */
  private claim(schedule: ActiveSchedule, window: PostWindow, now: number): DailyPost | undefined {
    const { store, library } = this.deps;
    return store.db
      .transaction(() => {
        store.dailyPosts.closeEarlier(schedule.id, window.day, now);
        const item = pickDailyItem({
          bank: library.items,
          history: store.dailyPosts.history(schedule.id),
          topicStats: store.dailyPosts.topicStats(schedule.communityId),
          random: this.random,
        });
        return store.dailyPosts.claim(
          { communityId: schedule.communityId, scheduleId: schedule.id, channelId: schedule.channelId, localDay: window.day, itemId: item.id, opensAt: now, closesAt: window.closesAt },
          now,
        );
      })
      .immediate();
  }

  private async closeExpired(): Promise<void> {
    const { dailyPosts } = this.deps.store;
    for (const post of dailyPosts.expiredPending(this.now())) {
      await this.guard(post, () => this.expirePending(post));
    }
    for (const post of dailyPosts.expiredOpen(this.now())) {
      await this.guard(post, async () => {
        if (!dailyPosts.close(post.id)) return;
        this.log.info({ post: post.id, answered: post.answerCount }, 'daily post closed');
        await this.reveal(post.id);
      });
    }
  }

  /** A claimed post whose window passed before it was (known to be) published. */
  private async expirePending(post: DailyPost): Promise<void> {
    const { dailyPosts } = this.deps.store;
    const poster = this.posters.get(post.platform);
    const now = this.now();
    if (post.attempts > 0 && poster?.findPost && post.channelId && dailyPosts.lease(post.id, now, now + attemptLeaseMs) !== undefined) {
      const found = await poster.findPost(post.channelId, answerAction(post.id));
      if (found) {
        dailyPosts.markOpen(post.id, found, post.countShown, this.now());
        dailyPosts.close(post.id);
        this.log.warn({ post: post.id, messageRef: found }, 'found an earlier attempt of the daily post on the platform; closing and revealing it');
        await this.reveal(post.id);
        return;
      }
    }
    dailyPosts.abandon(post.id, this.now(), 'the window closed before the post reached the channel');
    this.log.warn({ post: post.id, channel: post.channelId, day: post.localDay, attempts: post.attempts }, 'daily post never reached its channel before its window closed; the day is skipped');
  }

  /** A closed post's answers reach scores, streaks and review queues, once. */
  private score(postId: number): void {
    if (this.results.apply(postId, this.now())) this.log.info({ post: postId }, 'daily post results applied');
  }

  private async retryReveals(): Promise<void> {
    for (const post of this.deps.store.dailyPosts.unrevealed(this.now())) {
      await this.guard(post, () => this.reveal(post.id));
    }
  }

  /** Edits the closed post to show the answer; failures back off, hopeless ones are given up. */
  private async reveal(postId: number): Promise<void> {
    const { store } = this.deps;
    // Scores and streaks first, so the reveal shows the streak leaders with today counted.
    this.score(postId);
    const post = store.dailyPosts.get(postId);
    const poster = post && this.posters.get(post.platform);
    if (!post || !poster || !post.messageRef || !post.channelId || post.revealedAt !== null) return;
    const item = this.deps.library.item(post.itemId);
    if (!item) {
      store.dailyPosts.markRevealed(post.id, this.now(), `quiz item ${post.itemId} is no longer in the bank`);
      this.log.warn({ post: post.id, item: post.itemId }, 'cannot reveal a daily post whose item left the bank');
      return;
    }
    const now = this.now();
    const attempt = store.dailyPosts.lease(post.id, now, now + attemptLeaseMs);
    if (attempt === undefined) return;
    try {
      await poster.edit(post.channelId, post.messageRef, this.revealFor(post, item));
      store.dailyPosts.markRevealed(post.id, this.now());
      this.log.info({ post: post.id, answered: post.answerCount, right: post.correctCount }, 'daily post revealed');
    } catch (error) {
      const at = this.now();
      if (isPermanent(error) || attempt >= maxRevealAttempts) {
        store.dailyPosts.markRevealed(post.id, at, errorText(error));
        this.log.error({ err: error, post: post.id, attempt }, 'gave up revealing the daily post');
        return;
      }
      const retryAt = at + backoffMs(attempt, error);
      store.dailyPosts.markRetry(post.id, retryAt, errorText(error));
      this.log.warn({ err: error, post: post.id, attempt, retryAt }, 'revealing the daily post failed; will retry');
    }
  }

  private revealFor(post: DailyPost, item: QuizItem): Reply {
    const { store, streaks, library } = this.deps;
    const community = store.communities.get(post.communityId);
    const revealNames = community?.revealNames ?? false;
    const day = post.localDay ?? '';
    const leaders = store.dailyPosts
      .streakLeaders(post.communityId, streakLeaderCount * 4)
      .map((m) => ({ name: m.displayName, streak: streaks.current(m, day) }))
      .filter((l) => l.streak > 0)
      .sort((a, b) => b.streak - a.streak)
      .slice(0, streakLeaderCount);
    return revealReply(item, post, library, {
      revealNames,
      rightNames: revealNames ? store.dailyPosts.rightAnswerers(post.id) : [],
      streakLeaders: leaders,
    });
  }

  private async publishPending(): Promise<void> {
    for (const post of this.deps.store.dailyPosts.toPublish(this.now())) {
      if (!this.posters.has(post.platform)) continue;
      await this.guard(post, () => this.publish(post));
    }
  }

  /** One attempt at putting a claimed post in its channel. */
  private async publish(post: DailyPost): Promise<void> {
    const { store, library } = this.deps;
    const poster = this.posters.get(post.platform);
    if (!poster || !post.channelId || post.closesAt === null) return;
    const item = library.item(post.itemId);
    if (!item) {
      store.dailyPosts.abandon(post.id, this.now(), `quiz item ${post.itemId} is no longer in the bank`);
      this.log.error({ post: post.id, item: post.itemId }, 'the daily post item left the bank before it was posted');
      return;
    }
    const now = this.now();
    // An earlier attempt may have reached the platform without our hearing back.
    const maybePosted = post.attempts > 0;
    const attempt = store.dailyPosts.lease(post.id, now, now + attemptLeaseMs);
    if (attempt === undefined) return;
    try {
      if (maybePosted && poster.findPost) {
        const found = await poster.findPost(post.channelId, answerAction(post.id));
        if (found) {
          store.dailyPosts.markOpen(post.id, found, post.countShown, this.now());
          this.log.warn({ post: post.id, messageRef: found, attempt }, 'an earlier attempt of the daily post had reached the channel; adopted it instead of posting again');
          return;
        }
      }
      const ref = await poster.post(post.channelId, openPostReply(item, post, library, this.zoneOf(post)));
      store.dailyPosts.markOpen(post.id, ref, post.answerCount, this.now());
      this.log.info({ post: post.id, channel: post.channelId, messageRef: ref, attempt }, 'daily post published');
    } catch (error) {
      const at = this.now();
      if (isPermanent(error)) {
        store.dailyPosts.abandon(post.id, at, errorText(error));
        this.log.error({ err: error, post: post.id, channel: post.channelId }, 'the platform refused the daily post for good; the day is skipped');
        return;
      }
      const retryAt = at + backoffMs(attempt, error);
      store.dailyPosts.markRetry(post.id, retryAt, errorText(error));
      const closing = retryAt >= post.closesAt;
      this.log.warn({ err: error, post: post.id, channel: post.channelId, attempt, retryAt }, closing ? 'daily post failed; its window closes before another try' : 'daily post failed; will retry');
    }
  }

  private async refreshCounts(): Promise<void> {
    const { store, library } = this.deps;
    for (const post of store.dailyPosts.staleCounts(this.now(), countEditIntervalMs)) {
      const poster = this.posters.get(post.platform);
      const item = library.item(post.itemId);
      if (!poster || !item || !post.channelId || !post.messageRef) continue;
      try {
        await poster.edit(post.channelId, post.messageRef, openPostReply(item, post, library, this.zoneOf(post)));
        store.dailyPosts.markCountShown(post.id, post.answerCount, this.now());
      } catch (error) {
        // The next refresh (or the reveal) shows the count; waiting the interval avoids a storm.
        store.dailyPosts.markCountShown(post.id, post.countShown, this.now());
        this.log.warn({ err: error, post: post.id }, 'could not refresh the daily post answer count');
      }
    }
  }

  private zoneOf(post: DailyPost): string {
    const { store } = this.deps;
    const schedule = post.scheduleId === null ? undefined : store.schedules.get(post.communityId, post.scheduleId);
    return schedule?.timeZone ?? store.communities.get(post.communityId)?.timeZone ?? 'UTC';
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
    return due;
  }
}
