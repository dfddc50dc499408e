import type { Poster } from '../../adapters/poster.js';
import type { Logger } from '../../log.js';
import type { Platform } from '../../store/communities.js';
import type { Digest, DigestChannel } from '../../store/digests.js';
import type { Store } from '../../store/store.js';
import type { Clock } from '../time.js';
import { attemptLeaseMs } from './daily-calls.js';
import { digestReply, type DigestContentDeps } from './digest-content.js';
import { digestWeekOn, latestDigestWeek, nextDigestAt } from './digest-week.js';
import { backoffMs, errorText, isPermanent } from './retry.js';

export interface WeeklyDigestDeps extends DigestContentDeps {
  store: Store;
  clock: Clock;
  log: Logger;
  posters: ReadonlyMap<Platform, Poster>;
}

/**
 * The weekly digest, driven by the daily quiz's tick: once per channel per week. The week's
 * row (UNIQUE (schedule_id, week)) is claimed in a transaction before any platform call, and
 * each attempt holds a lease on it, so overlapping ticks, a restart or a second process on
 * the same file never post it twice. It goes out through the daily quiz's Poster.
 */
export class WeeklyDigests {
  constructor(private readonly deps: WeeklyDigestDeps) {}

  async tick(): Promise<void> {
    const { store } = this.deps;
    const now = this.deps.clock.now();
    store.write(() => store.digests.expire(now));
    for (const channel of store.digests.channels()) {
      if (!this.deps.posters.has(channel.platform)) continue;
      try {
        this.claimDue(channel, now);
      } catch (error) {
        this.deps.log.error({ err: error, schedule: channel.scheduleId }, 'could not claim the weekly digest');
      }
    }
    const channels = new Map(store.digests.channels().map((c) => [c.scheduleId, c]));
    for (const digest of store.digests.due(now)) {
      const channel = channels.get(digest.scheduleId);
      if (!channel) {
        store.write(() => store.digests.skip(digest.id, 'the digest was turned off, or its schedule paused or removed, before it went out'));
        continue;
      }
      if (!this.deps.posters.has(channel.platform)) continue;
      await this.publish(digest, channel).catch((error: unknown) => this.deps.log.error({ err: error, digest: digest.id }, 'weekly digest step failed'));
    }
  }

  /** The earliest moment a digest needs doing; undefined when no channel has one. */
  nextDueAt(): number | undefined {
    const { store } = this.deps;
    const now = this.deps.clock.now();
    let due = store.digests.nextWake();
    for (const channel of store.digests.channels()) {
      if (!this.deps.posters.has(channel.platform)) continue;
      const owed = this.owed(channel, now);
      const at = owed ? now : nextDigestAt(channel.localTime, channel.communityZone, now);
      if (at !== undefined && (due === undefined || at < due)) due = at;
    }
    return due;
  }

  /** The week whose digest is owed now and not yet claimed. */
  private owed(channel: DigestChannel, now: number): ReturnType<typeof latestDigestWeek> {
    const week = latestDigestWeek(channel.localTime, channel.communityZone, now);
    if (!week || week.at < channel.digestFrom || now >= week.dueUntil || this.deps.store.digests.has(channel.scheduleId, week.week)) return undefined;
    return week;
  }

  private claimDue(channel: DigestChannel, now: number): void {
    const week = this.owed(channel, now);
    if (!week) return;
    const { store } = this.deps;
    // A week without a daily question in the channel (not yet scheduled, paused) has nothing to sum up.
    const status = store.digests.totals(channel.scheduleId, week.from, week.to).posts === 0 ? 'skipped' : 'pending';
    if (store.write(() => store.digests.claim(channel.scheduleId, week.week, week.dueUntil, now, status))) {
      this.deps.log.info({ schedule: channel.scheduleId, channel: channel.channelId, week: week.week, status }, 'weekly digest claimed');
    }
  }

  private async publish(digest: Digest, channel: DigestChannel): Promise<void> {
    const { store, log } = this.deps;
    const poster = this.deps.posters.get(channel.platform);
    const week = digestWeekOn(channel.localTime, channel.communityZone, digest.week);
    if (!poster || !week) return;
    const now = this.deps.clock.now();
    const attempt = store.write(() => store.digests.lease(digest.id, now, now + attemptLeaseMs));
    if (attempt === undefined) return;
    try {
      const ref = await poster.post(channel.channelId, digestReply(this.deps, channel, week));
      store.write(() => store.digests.markPosted(digest.id, ref, this.deps.clock.now()));
      log.info({ digest: digest.id, channel: channel.channelId, week: digest.week, messageRef: ref, attempt }, 'weekly digest posted');
    } catch (error) {
      const at = this.deps.clock.now();
      if (isPermanent(error)) {
        store.write(() => store.digests.skip(digest.id, errorText(error)));
        log.error({ err: error, digest: digest.id }, 'the platform refused the weekly digest for good; this week is skipped');
        return;
      }
      const retryAt = at + backoffMs(attempt, error);
      store.write(() => store.digests.markRetry(digest.id, retryAt, errorText(error)));
      log.warn({ err: error, digest: digest.id, attempt, retryAt }, 'weekly digest failed; will retry');
    }
  }
}
