import { Cron } from 'croner';
import { dayKey } from '../time.js';

/** What decides when a channel's daily post is due and when it closes. */
export interface ScheduleTiming {
  /** HH:MM, 24-hour, in `timeZone`. */
  localTime: string;
  timeZone: string;
  /** ISO weekdays, 1 = Monday … 7 = Sunday. */
  days: readonly number[];
  /** Minutes from the scheduled moment to the close; null = an hour before the next post. */
  closeAfterMinutes: number | null;
  /** Scheduled moments before this instant are not owed a post. */
  activeFrom: number;
}

/** One scheduled local day: when its post is due and when its window closes. */
export interface PostWindow {
  /** YYYY-MM-DD in the schedule's zone. */
  day: string;
  at: number;
  closesAt: number;
}

const minute = 60_000;
const hour = 60 * minute;
/** The default close: this long before the next scheduled post. */
export const closeBeforeNextMs = hour;

const crons = new Map<string, Cron>();

/**
 * Croner computes the moments in the schedule's zone. Across a DST gap it moves a missing
 * wall time forward by the gap (02:30 on a New York spring-forward day runs at 03:30;
 * 02:15 on Lord Howe's 30-minute jump at 02:45); a repeated wall time runs once.
 */
function cronOf(timing: ScheduleTiming): Cron {
  const key = `${timing.localTime}|${timing.timeZone}|${timing.days.join(',')}`;
  let cron = crons.get(key);
  if (!cron) {
    const [hh, mm] = timing.localTime.split(':').map(Number);
    // Cron numbers Sunday 0; ISO numbers it 7.
    const dow = timing.days.map((d) => d % 7).join(',');
    cron = new Cron(`${mm ?? 0} ${hh ?? 0} * * ${dow}`, { timezone: timing.timeZone, paused: true });
    crons.set(key, cron);
  }
  return cron;
}

/** YYYY-MM-DD `n` calendar days after (or before) `day`. */
export function addDays(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, (d ?? 1) + n)).toISOString().slice(0, 10);
}

// Moments are pure functions of (pattern, zone, day) and every tick asks for the same few.
const moments = new Map<string, number | null>();
const maxCachedMoments = 10_000;

/** When the schedule posts on local day `day`, or undefined when `day` is not a scheduled day. */
export function postMomentOn(timing: ScheduleTiming, day: string): number | undefined {
  const key = `${timing.localTime}|${timing.timeZone}|${timing.days.join(',')}|${day}`;
  const cached = moments.get(key);
  if (cached !== undefined) return cached ?? undefined;
  const moment = computeMoment(timing, day);
  if (moments.size >= maxCachedMoments) moments.clear();
  moments.set(key, moment ?? null);
  return moment;
}

function computeMoment(timing: ScheduleTiming, day: string): number | undefined {
  const cron = cronOf(timing);
  // No zone is more than 14 hours ahead of UTC, so this is before `day` starts anywhere.
  let run = cron.nextRun(new Date(Date.parse(`${day}T00:00:00Z`) - 15 * hour));
  while (run && dayKey(run.getTime(), timing.timeZone) < day) run = cron.nextRun(run);
  return run && dayKey(run.getTime(), timing.timeZone) === day ? run.getTime() : undefined;
}

/** The first scheduled moment on a local day after `day`. */
export function nextPostAfter(timing: ScheduleTiming, day: string): { day: string; at: number } | undefined {
  for (let k = 1; k <= 8; k += 1) {
    const next = addDays(day, k);
    const at = postMomentOn(timing, next);
    if (at !== undefined) return { day: next, at };
  }
  return undefined;
}

/** When the post of local day `day`, due at `at`, closes. */
export function closeMoment(timing: ScheduleTiming, day: string, at: number): number {
  if (timing.closeAfterMinutes !== null) return at + timing.closeAfterMinutes * minute;
  const next = nextPostAfter(timing, day);
  // Even across a DST change the next local day's post is at least 22.5 hours away.
  return Math.max(at + minute, (next?.at ?? at + 24 * hour) - closeBeforeNextMs);
}

/** The latest scheduled local day whose moment has come, with its window (open or not). */
export function latestWindow(timing: ScheduleTiming, now: number): PostWindow | undefined {
  const today = dayKey(now, timing.timeZone);
  for (let k = 0; k <= 7; k += 1) {
    const day = addDays(today, -k);
    const at = postMomentOn(timing, day);
    if (at !== undefined && at <= now) return { day, at, closesAt: closeMoment(timing, day, at) };
  }
  return undefined;
}

/** The window whose post is owed at `now`: its moment has come, it is still open, and the schedule was active then. */
export function dueWindow(timing: ScheduleTiming, now: number): PostWindow | undefined {
  const window = latestWindow(timing, now);
  return window && window.at >= timing.activeFrom && now < window.closesAt ? window : undefined;
}

/** The next scheduled moment after `now` that will be owed a post. */
export function nextWindow(timing: ScheduleTiming, now: number): PostWindow | undefined {
  const today = dayKey(now, timing.timeZone);
  for (let k = 0; k <= 8; k += 1) {
    const day = addDays(today, k);
    const at = postMomentOn(timing, day);
    if (at !== undefined && at > now && at >= timing.activeFrom) return { day, at, closesAt: closeMoment(timing, day, at) };
  }
  return undefined;
}

/** The shortest time between two consecutive posts over a week from `first`: what a long close collides with. */
export function shortestGap(timing: ScheduleTiming, first: { day: string; at: number }): number | undefined {
  let shortest: number | undefined;
  let post = first;
  for (let k = 0; k < 7; k += 1) {
    const next = nextPostAfter(timing, post.day);
    if (!next) break;
    shortest = Math.min(shortest ?? Number.POSITIVE_INFINITY, next.at - post.at);
    post = next;
  }
  return shortest;
}
