import { isTimeZone } from '../time.js';

/** A parsed option, or the sentence telling the admin what was wrong and what to try. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(error: string): Parsed<T> => ({ ok: false, error });

/** "9:00" or "09:00" → "09:00"; 24-hour clock only, so 12-hour mix-ups cannot happen. */
export function parseLocalTime(raw: string): Parsed<string> {
  const match = /^(\d{1,2}):(\d{2})$/.exec(raw.trim());
  const hour = Number(match?.[1]);
  const minute = Number(match?.[2]);
  if (!match || hour > 23 || minute > 59) return fail(`"${raw}" is not a time I can use. Give a 24-hour time as HH:MM, for example 09:00 or 18:30.`);
  return ok(`${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`);
}

const dayNames: Record<string, number> = {
  mon: 1, monday: 1,
  tue: 2, tues: 2, tuesday: 2,
  wed: 3, weds: 3, wednesday: 3,
  thu: 4, thur: 4, thurs: 4, thursday: 4,
  fri: 5, friday: 5,
  sat: 6, saturday: 6,
  sun: 7, sunday: 7,
};
const everyDay = [1, 2, 3, 4, 5, 6, 7];
const named: Record<string, number[]> = {
  daily: everyDay,
  'every day': everyDay,
  everyday: everyDay,
  'every-day': everyDay,
  all: everyDay,
  weekdays: [1, 2, 3, 4, 5],
  weekday: [1, 2, 3, 4, 5],
  weekends: [6, 7],
  weekend: [6, 7],
};
const daysHelp = 'Use daily, weekdays, weekends, a range like mon-fri, or a list like mon,wed,fri.';

/** ISO weekdays (1 = Monday) from "daily", "weekdays", "weekends", "mon-fri", "mon,wed,fri"… */
export function parseDays(raw: string): Parsed<number[]> {
  const text = raw.trim().toLowerCase().replace(/\s+/g, ' ');
  const preset = named[text];
  if (preset) return ok([...preset]);
  const days = new Set<number>();
  for (const part of text.split(/[,\s]+/).filter(Boolean)) {
    const range = /^([a-z]+)-([a-z]+)$/.exec(part);
    if (range) {
      const from = dayNames[range[1] ?? ''];
      const to = dayNames[range[2] ?? ''];
      if (from === undefined || to === undefined) return fail(`I did not recognise the days "${part}". ${daysHelp}`);
      // fri-mon wraps over the weekend.
      for (let d = from; ; d = (d % 7) + 1) {
        days.add(d);
        if (d === to) break;
      }
      continue;
    }
    const day = dayNames[part];
    if (day === undefined) return fail(`I did not recognise "${part}" as a day. ${daysHelp}`);
    days.add(day);
  }
  if (days.size === 0) return fail(`Say which days to post. ${daysHelp}`);
  return ok([...days].sort((a, b) => a - b));
}

const shortNames = ['', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** "every day", "weekdays", "weekends" or "Mon, Wed, Fri". */
export function formatDays(days: readonly number[]): string {
  const key = [...days].sort((a, b) => a - b).join(',');
  if (key === '1,2,3,4,5,6,7') return 'every day';
  if (key === '1,2,3,4,5') return 'weekdays';
  if (key === '6,7') return 'weekends';
  return days.map((d) => shortNames[d] ?? '?').join(', ');
}

export const minCloseMinutes = 10;
export const maxCloseMinutes = 7 * 24 * 60;

/**
 * How long a post stays open: "2d", "2h", "90m", "1h30m", "1d12h", "45 min"; "default" (or
 * "auto") means an hour before the next scheduled post, returned as null.
 */
export function parseCloseAfter(raw: string): Parsed<number | null> {
  const text = raw.trim().toLowerCase();
  if (text === 'default' || text === 'auto') return ok(null);
  const match = /^(?:(\d{1,2})\s*d(?:ays?)?)?\s*(?:(\d{1,3})\s*h(?:ours?|rs?)?)?\s*(?:(\d{1,5})\s*m(?:in(?:utes?|s)?)?)?$/.exec(text);
  const minutes = match && (match[1] || match[2] || match[3]) ? Number(match[1] ?? 0) * 24 * 60 + Number(match[2] ?? 0) * 60 + Number(match[3] ?? 0) : undefined;
  if (minutes === undefined) return fail(`"${raw}" is not a duration I can use for close. Write it like 2h, 90m, 1h30m or 2d (or "default": an hour before the next post).`);
  if (minutes < minCloseMinutes || minutes > maxCloseMinutes) {
    return fail(`close must be between ${minCloseMinutes} minutes and 7 days after posting (you gave ${raw}). Try 2h, or leave it out for an hour before the next post.`);
  }
  return ok(minutes);
}

let zoneNames: Map<string, string> | undefined;

/** An IANA zone, spelled as the runtime lists it when it does ("europe/london" → "Europe/London"). */
export function parseTimeZone(raw: string): Parsed<string> {
  const text = raw.trim();
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+){0,2}$/.test(text) || !isTimeZone(text)) {
    return fail(`"${raw}" is not a time zone I know. Use an IANA name such as Europe/London, America/New_York, Asia/Kolkata or UTC.`);
  }
  zoneNames ??= new Map(Intl.supportedValuesOf('timeZone').map((z) => [z.toLowerCase(), z]));
  return ok(zoneNames.get(text.toLowerCase()) ?? conventionalCase(text));
}

// Zones the runtime knows but does not list (UTC, Asia/Kolkata where ICU lists Asia/Calcutta).
function conventionalCase(zone: string): string {
  if (!zone.includes('/')) return zone.length <= 4 ? zone.toUpperCase() : zone;
  return zone
    .split('/')
    .map((part) => part.replace(/[A-Za-z]+/g, (word) => (word === word.toUpperCase() && word.length <= 3 ? word : word[0]!.toUpperCase() + word.slice(1).toLowerCase())))
    .join('/');
}
