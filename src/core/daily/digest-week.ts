import { weekKey } from '../time.js';
import { addDays, postMomentOn } from './schedule-times.js';

/** One week's digest of a channel: when it is posted and which days it covers. */
export interface DigestWeek {
  /** The Monday it is posted on (YYYY-MM-DD, community zone): the claim's key. */
  week: string;
  at: number;
  /** Past this it is skipped rather than posted late: the end of that Monday's 24 hours. */
  dueUntil: number;
  /** The local days it covers: the Monday to Sunday before `week`. */
  from: string;
  to: string;
}

const day = 86_400_000;

/** The digest posted on the Monday `monday`, at the schedule's own time in the community's zone. */
export function digestWeekOn(localTime: string, zone: string, monday: string): DigestWeek | undefined {
  // Croner moves a wall time a DST change skips forward, as for the daily post.
  const at = postMomentOn({ localTime, timeZone: zone, days: [1], closeAfterMinutes: null, activeFrom: 0 }, monday);
  return at === undefined ? undefined : { week: monday, at, dueUntil: at + day, from: addDays(monday, -7), to: addDays(monday, -1) };
}

/** The latest digest whose moment has come at `now` (owed or not). */
export function latestDigestWeek(localTime: string, zone: string, now: number): DigestWeek | undefined {
  const monday = weekKey(now, zone);
  for (const candidate of [monday, addDays(monday, -7)]) {
    const week = digestWeekOn(localTime, zone, candidate);
    if (week && week.at <= now) return week;
  }
  return undefined;
}

/** The next digest moment after `now`. */
export function nextDigestAt(localTime: string, zone: string, now: number): number | undefined {
  const monday = weekKey(now, zone);
  for (const candidate of [monday, addDays(monday, 7)]) {
    const week = digestWeekOn(localTime, zone, candidate);
    if (week && week.at > now) return week.at;
  }
  return undefined;
}
