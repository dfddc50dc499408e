import type { Member } from '../store/communities.js';
import type { StreakStore } from '../store/streaks.js';

/**
 * Streaks count consecutive scheduled quiz days a member answered. Grace: one missed
 * scheduled day in a row is forgiven (the streak neither grows nor breaks); a second
 * missed day in a row starts it again. A day is "scheduled" when the community had a
 * daily post on it, so days off in the schedule never break a streak; nor does a day whose
 * post never reached its channel (the platform failed all day).
 */
export const streakGraceDays = 1;

export class Streaks {
  private readonly memo = new Map<string, number>();

  constructor(private readonly store: StreakStore) {}

  /** Applies a daily answer for local day `day`; returns the new current streak. */
  recordDay(member: Member, day: string): number {
    const current = this.project(member, day);
    if (member.streakLastDay === null || day > member.streakLastDay) this.store.setStreak(member.id, current, day);
    return current;
  }

  /** The streak the member will have once an answer on `day` counts; writes nothing. */
  project(member: Member, day: string): number {
    const last = member.streakLastDay;
    if (last !== null && day <= last) return member.streakCurrent;
    const missed = last === null ? Infinity : this.store.scheduledDaysBetween(member.communityId, last, day);
    return missed <= streakGraceDays ? member.streakCurrent + 1 : 1;
  }

  /**
   * project() for the private verdict, which a burst of presses asks thousands of times with
   * the same days: the count of scheduled days in between is remembered until anything is
   * committed to the database (by this process or another), so it is never stale. Only the
   * message uses it; the streak itself is computed fresh when the post closes.
   */
  preview(member: Member, day: string): number {
    const last = member.streakLastDay;
    if (last === null || day <= last) return this.project(member, day);
    if (this.store.changedSinceLastCall() || this.memo.size > 1_000) this.memo.clear();
    const key = `${member.communityId}|${last}|${day}`;
    let missed = this.memo.get(key);
    if (missed === undefined) {
      missed = this.store.scheduledDaysBetween(member.communityId, last, day);
      this.memo.set(key, missed);
    }
    return missed <= streakGraceDays ? member.streakCurrent + 1 : 1;
  }

  /** The streak as it stands today: 0 once the member has missed too many scheduled days. */
  current(member: Member, today: string): number {
    if (member.streakLastDay === null) return 0;
    // Today's post may still be open, so today does not count as missed.
    const missed = this.store.scheduledDaysBetween(member.communityId, member.streakLastDay, today);
    return missed > streakGraceDays ? 0 : member.streakCurrent;
  }
}
