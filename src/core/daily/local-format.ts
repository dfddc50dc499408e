import { formatDuration } from '../time.js';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formatters.set(timeZone, f);
  }
  return f;
}

/** "Mon 5 Oct 09:00 (Europe/London)": the zone is named because members may live elsewhere. */
export function formatLocal(ms: number, timeZone: string): string {
  const parts = formatter(timeZone).formatToParts(ms);
  const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('weekday')} ${get('day')} ${get('month')} ${get('hour')}:${get('minute')} (${timeZone})`;
}

/** "in 3 h 20 min", or "now" when the moment has come. */
export function formatRelative(ms: number, now: number): string {
  return ms <= now ? 'now' : `in ${formatDuration(ms - now)}`;
}
