/** Time comes from an injected clock so tests can run weeks of schedule in milliseconds. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

export interface LocalDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  readonly weekday: number;
  readonly hour: number;
  readonly minute: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const weekdays: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      weekday: 'short',
      hour: 'numeric',
      minute: 'numeric',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when `timeZone` is an IANA zone this runtime knows. */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

// formatToParts costs tens of microseconds, and an answer burst asks the same minute over
// and over: remember the last answer per zone.
const lastByZone = new Map<string, { minute: number; date: LocalDate }>();

/** The wall-clock date and time at `ms` in `timeZone`. */
export function localDate(ms: number, timeZone: string): LocalDate {
  const minute = Math.floor(ms / 60_000);
  const last = lastByZone.get(timeZone);
  if (last && last.minute === minute) return last.date;
  const date = computeLocalDate(ms, timeZone);
  lastByZone.set(timeZone, { minute, date });
  return date;
}

function computeLocalDate(ms: number, timeZone: string): LocalDate {
  const parts = formatter(timeZone).formatToParts(ms);
  const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? '0';
  return {
    year: Number(get('year')),
    month: Number(get('month')),
    day: Number(get('day')),
    weekday: weekdays[get('weekday')] ?? 1,
    hour: Number(get('hour')),
    minute: Number(get('minute')),
  };
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** YYYY-MM-DD of the local day at `ms` in `timeZone`. */
export function dayKey(ms: number, timeZone: string): string {
  const d = localDate(ms, timeZone);
  return `${d.year}-${pad(d.month)}-${pad(d.day)}`;
}

/** YYYY-MM-DD of the Monday that starts the local ISO week containing `ms`. */
export function weekKey(ms: number, timeZone: string): string {
  const d = localDate(ms, timeZone);
  const monday = new Date(Date.UTC(d.year, d.month - 1, d.day - (d.weekday - 1)));
  return monday.toISOString().slice(0, 10);
}

/** YYYY-MM of the local month containing `ms`. */
export function monthKey(ms: number, timeZone: string): string {
  const d = localDate(ms, timeZone);
  return `${d.year}-${pad(d.month)}`;
}

export type Period = 'week' | 'month' | 'all';

/** The key of the scores row for `period` at `ms` in the community's zone. */
export function periodKey(period: Period, ms: number, timeZone: string): string {
  switch (period) {
    case 'all':
      return 'all';
    case 'week':
      return `w:${weekKey(ms, timeZone)}`;
    case 'month':
      return `m:${monthKey(ms, timeZone)}`;
  }
}

/** "3 h 20 min", "45 min", "2 d 4 h": a friendly duration. */
export function formatDuration(ms: number): string {
  const minutes = Math.max(1, Math.round(ms / 60_000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  const days = Math.floor(hours / 24);
  return hours % 24 ? `${days} d ${hours % 24} h` : `${days} d`;
}
