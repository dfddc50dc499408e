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
import type { Store } from '../../store/store.js';
import type { WriteBatch } from '../../store/write-batch.js';
import type { Telemetry } from '../telemetry.js';
import type { DailyResults } from './daily-results.js';
import { openPostReply, revealReply } from './post-render.js';
import { backoffMs, errorText, isPermanent, isRateLimited, maxRevealAttempts } from './retry.js';

/** How long one attempt at a platform call may run before another may try again. */
export const attemptLeaseMs = 60_000;
/** Daily posts leased in one commit. */
export const publishChunk = 64;
/** Platform calls of daily posts under way at once. */
export const maxInFlight = 256;
const streakLeaderCount = 5;

export interface DailyCallDeps {
  store: Store;
  library: Library;
  clock: Clock;
  streaks: Streaks;
  log: Logger;
  results: DailyResults;
  /** The attached posters, by platform; the service owns the map. */
  posters: ReadonlyMap<Platform, Poster>;
  telemetry: Telemetry;
  /** Group commit for what the platform calls' outcomes write. */
  writes: WriteBatch;
}

/**
 * The platform calls of one daily post: publish it, adopt an attempt that reached the
 * channel unheard, refresh its "N answered" count, reveal it. Each call holds a lease on
 * the post's row, so overlapping ticks or a second process never make it twice; a failure
 * backs off (honouring retry-after) or, when the platform refuses for good, gives up.
 * The DailyService decides when each is due.
 */
export class DailyCalls {
  constructor(private readonly deps: DailyCallDeps) {}

  /** A closed post's answers reach scores, streaks and review queues, once. */
  score(postId: number): void {
    if (this.deps.results.apply(postId, this.now())) this.deps.log.info({ post: postId }, 'daily post results applied');
  }

  /**
   * The next attempt at each claimed post. At the top of the hour thousands fall due at
   * once: made one at a time, each paying its own disk syncs, they would trail far behind
   * what the platform allows. So posts are leased `publishChunk` to a commit, up to
   * `maxInFlight` calls run together (the adapter paces them to the platform's rate limits),
   * and their outcomes share commits. Batches come from an iterable so that claiming the next
   * batch overlaps the calls of the last. In flight is bounded so that every call is made
   * well within its lease.
   */
  async publishAll(batches: AsyncIterable<readonly DailyPost[]> | Iterable<readonly DailyPost[]>): Promise<void> {
    const running = new Set<Promise<void>>();
    for await (const batch of batches) {
      for (let i = 0; i < batch.length; i += publishChunk) {
        const chunk = batch.slice(i, i + publishChunk).filter((post) => this.publishable(post));
        while (running.size > 0 && running.size + chunk.length > maxInFlight) await Promise.race(running);
        const now = this.now();
        const leased = this.deps.store.write(() => chunk.map((post) => ({ post, attempt: this.deps.store.dailyPosts.lease(post.id, now, now + attemptLeaseMs) })));
        for (const { post, attempt } of leased) {
          if (attempt === undefined) continue;
          const call: Promise<void> = this.publish(post, attempt)
            .catch((error: unknown) => this.deps.log.error({ err: error, post: post.id }, 'daily post step failed'))
            .finally(() => running.delete(call));
          running.add(call);
        }
      }
      // Let the calls under way take their answers before the next batch is claimed.
      await new Promise((resolve) => setImmediate(resolve));
    }
    await Promise.all(running);
  }

  /** Whether a claimed post can be attempted now; one whose item left the bank is given up. */
  private publishable(post: DailyPost): boolean {
    const { store, library, log } = this.deps;
    if (!this.deps.posters.has(post.platform) || !post.channelId || post.closesAt === null) return false;
    if (library.item(post.itemId)) return true;
    store.dailyPosts.abandon(post.id, this.now(), `quiz item ${post.itemId} is no longer in the bank`);
    log.error({ post: post.id, item: post.itemId }, 'the daily post item left the bank before it was posted');
    return false;
  }

  /** One leased attempt at putting a claimed post in its channel. */
  private async publish(post: DailyPost, attempt: number): Promise<void> {
    const { store, library, log, writes } = this.deps;
    const poster = this.deps.posters.get(post.platform);
    const item = library.item(post.itemId);
    if (!poster || !item || !post.channelId || post.closesAt === null) return;
    const channelId = post.channelId;
    const closesAt = post.closesAt;
    try {
      // An earlier attempt may have reached the platform without our hearing back.
      if (post.attempts > 0 && poster.findPost) {
        const found = await poster.findPost(channelId, answerAction(post.id));
        if (found) {
          await writes.submit(() => store.dailyPosts.markOpen(post.id, found, post.countShown, this.now()));
          this.deps.telemetry.posted(post.platform);
          log.warn({ post: post.id, messageRef: found, attempt }, 'an earlier attempt of the daily post had reached the channel; adopted it instead of posting again');
          return;
        }
      }
      const ref = await poster.post(channelId, openPostReply(item, post, library, this.zoneOf(post)));
      await writes.submit(() => store.dailyPosts.markOpen(post.id, ref, post.answerCount, this.now()));
      this.deps.telemetry.posted(post.platform);
      log.info({ post: post.id, channel: channelId, messageRef: ref, attempt }, 'daily post published');
    } catch (error) {
      const at = this.now();
      if (isPermanent(error)) {
        await writes.submit(() => store.dailyPosts.abandon(post.id, at, errorText(error)));
        this.deps.telemetry.failure('post_skipped');
        log.error({ err: error, post: post.id, channel: channelId }, 'the platform refused the daily post for good; the day is skipped');
        return;
      }
      const retryAt = at + backoffMs(attempt, error);
      // A rate-limited attempt was refused before anything was posted; any other may have landed.
      const reason = errorText(error);
      await writes.submit(() => (isRateLimited(error) ? store.dailyPosts.markNotSent(post.id, retryAt, reason) : store.dailyPosts.markRetry(post.id, retryAt, reason)));
      this.deps.telemetry.failure('post_retry');
      const closing = retryAt >= closesAt;
      log.warn({ err: error, post: post.id, channel: channelId, attempt, retryAt }, closing ? 'daily post failed; its window closes before another try' : 'daily post failed; will retry');
    }
  }

  /** A claimed post whose window passed before it was (known to be) published. */
  async expirePending(post: DailyPost): Promise<void> {
    const { store, log } = this.deps;
    const { dailyPosts } = store;
    const poster = this.deps.posters.get(post.platform);
    const now = this.now();
    if (post.attempts > 0 && poster?.findPost && post.channelId && store.write(() => dailyPosts.lease(post.id, now, now + attemptLeaseMs)) !== undefined) {
      const found = await poster.findPost(post.channelId, answerAction(post.id));
      if (found) {
        dailyPosts.markOpen(post.id, found, post.countShown, this.now());
        dailyPosts.close(post.id);
        log.warn({ post: post.id, messageRef: found }, 'found an earlier attempt of the daily post on the platform; closing and revealing it');
        await this.reveal(post.id);
        return;
      }
    }
    dailyPosts.abandon(post.id, this.now(), 'the window closed before the post reached the channel');
    this.deps.telemetry.failure('post_skipped');
    log.warn({ post: post.id, channel: post.channelId, day: post.localDay, attempts: post.attempts }, 'daily post never reached its channel before its window closed; the day is skipped');
  }

  /** Edits an open post to show its current answer count. */
  async refreshCount(post: DailyPost): Promise<void> {
    const { store, library, log } = this.deps;
    const poster = this.deps.posters.get(post.platform);
    const item = library.item(post.itemId);
    if (!poster || !item || !post.channelId || !post.messageRef) return;
    try {
      await poster.edit(post.channelId, post.messageRef, openPostReply(item, post, library, this.zoneOf(post)));
      store.dailyPosts.markCountShown(post.id, post.answerCount, this.now());
    } catch (error) {
      // The next refresh (or the reveal) shows the count; waiting the interval avoids a storm.
      store.dailyPosts.markCountShown(post.id, post.countShown, this.now());
      this.deps.telemetry.failure('count_refresh');
      log.warn({ err: error, post: post.id }, 'could not refresh the daily post answer count');
    }
  }

  /** Edits the closed post to show the answer; failures back off, hopeless ones are given up. */
  async reveal(postId: number): Promise<void> {
    const { store, log } = this.deps;
    // Scores and streaks first, so the reveal shows the streak leaders with today counted.
    this.score(postId);
    const post = store.dailyPosts.get(postId);
    const poster = post && this.deps.posters.get(post.platform);
    if (!post || !poster || !post.messageRef || !post.channelId || post.revealedAt !== null) return;
    const item = this.deps.library.item(post.itemId);
    if (!item) {
      store.dailyPosts.markRevealed(post.id, this.now(), `quiz item ${post.itemId} is no longer in the bank`);
      log.warn({ post: post.id, item: post.itemId }, 'cannot reveal a daily post whose item left the bank');
      return;
    }
    const now = this.now();
    const attempt = store.write(() => store.dailyPosts.lease(post.id, now, now + attemptLeaseMs));
    if (attempt === undefined) return;
    try {
      await poster.edit(post.channelId, post.messageRef, this.revealFor(post, item));
      store.dailyPosts.markRevealed(post.id, this.now());
      log.info({ post: post.id, answered: post.answerCount, right: post.correctCount }, 'daily post revealed');
    } catch (error) {
      const at = this.now();
      if (isPermanent(error) || attempt >= maxRevealAttempts) {
        store.dailyPosts.markRevealed(post.id, at, errorText(error));
        this.deps.telemetry.failure('reveal_given_up');
        log.error({ err: error, post: post.id, attempt }, 'gave up revealing the daily post');
        return;
      }
      const retryAt = at + backoffMs(attempt, error);
      store.dailyPosts.markRetry(post.id, retryAt, errorText(error));
      this.deps.telemetry.failure('reveal_retry');
      log.warn({ err: error, post: post.id, attempt, retryAt }, 'revealing the daily post failed; will retry');
    }
  }

  private revealFor(post: DailyPost, item: QuizItem): Reply {
    const { store, streaks, library } = this.deps;
    const community = store.communities.get(post.communityId);
    const revealNames = community?.revealNames ?? false;
    const day = post.localDay ?? '';
    const leaders = store.dailyReads
      .streakLeaders(post.communityId, streakLeaderCount * 4)
      .map((m) => ({ name: m.displayName, streak: streaks.current(m, day) }))
      .filter((l) => l.streak > 0)
      .sort((a, b) => b.streak - a.streak)
      .slice(0, streakLeaderCount);
    return revealReply(item, post, library, {
      revealNames,
      rightNames: revealNames ? store.dailyReads.rightAnswerers(post.id) : [],
      streakLeaders: leaders,
      choiceCounts: store.answers.choiceCounts(post.id),
    });
  }

  private zoneOf(post: DailyPost): string {
    const { store } = this.deps;
    const schedule = post.scheduleId === null ? undefined : store.schedules.get(post.communityId, post.scheduleId);
    return schedule?.timeZone ?? store.communities.get(post.communityId)?.timeZone ?? 'UTC';
  }

  private now(): number {
    return this.deps.clock.now();
  }
}
