import { describe, expect, it } from 'vitest';
import { parseChannel } from '../../src/core/daily/channel-ref.js';
import { formatDays, parseCloseAfter, parseDays, parseLocalTime, parseTimeZone } from '../../src/core/daily/schedule-options.js';
import { closeMoment, dueWindow, latestWindow, nextPostAfter, nextWindow, postMomentOn, type ScheduleTiming } from '../../src/core/daily/schedule-times.js';
import { dayKey, localDate } from '../../src/core/time.js';

const every = [1, 2, 3, 4, 5, 6, 7];
const timing = (localTime: string, timeZone: string, extra: Partial<ScheduleTiming> = {}): ScheduleTiming => ({
  localTime,
  timeZone,
  days: every,
  closeAfterMinutes: null,
  activeFrom: 0,
  ...extra,
});
const hm = (ms: number, zone: string): string => {
  const d = localDate(ms, zone);
  return `${String(d.hour).padStart(2, '0')}:${String(d.minute).padStart(2, '0')}`;
};
const hour = 3_600_000;

describe('scheduled moments in the schedule zone', () => {
  it('America/New_York: 09:00 stays 09:00 local across spring-forward, so the UTC time moves', () => {
    const t = timing('09:00', 'America/New_York');
    const before = postMomentOn(t, '2026-03-07')!;
    const after = postMomentOn(t, '2026-03-08')!;
    expect(new Date(before).toISOString()).toBe('2026-03-07T14:00:00.000Z');
    expect(new Date(after).toISOString()).toBe('2026-03-08T13:00:00.000Z');
    expect(after - before).toBe(23 * hour);
  });

  it('America/New_York: a wall time in the spring gap moves forward by the gap; the repeated hour posts once', () => {
    const gap = timing('02:30', 'America/New_York');
    const moment = postMomentOn(gap, '2026-03-08')!;
    expect(dayKey(moment, 'America/New_York')).toBe('2026-03-08');
    expect(hm(moment, 'America/New_York')).toBe('03:30');
    expect(hm(postMomentOn(gap, '2026-03-09')!, 'America/New_York')).toBe('02:30');

    const repeated = timing('01:30', 'America/New_York');
    const first = postMomentOn(repeated, '2026-11-01')!;
    expect(hm(first, 'America/New_York')).toBe('01:30');
    // The next post is the next local day, not the second 01:30 an hour later.
    expect(nextPostAfter(repeated, '2026-11-01')).toEqual({ day: '2026-11-02', at: postMomentOn(repeated, '2026-11-02') });
    expect(postMomentOn(repeated, '2026-11-02')! - first).toBe(25 * hour);
  });

  it('Europe/London: 01:30 on the spring-forward Sunday is 02:30 BST; autumn days are 25 hours', () => {
    const t = timing('01:30', 'Europe/London');
    expect(new Date(postMomentOn(t, '2026-03-29')!).toISOString()).toBe('2026-03-29T01:30:00.000Z');
    const nine = timing('09:00', 'Europe/London');
    expect(postMomentOn(nine, '2026-10-25')! - postMomentOn(nine, '2026-10-24')!).toBe(25 * hour);
  });

  it('Asia/Kolkata: half-hour offset, no DST', () => {
    const t = timing('09:00', 'Asia/Kolkata');
    expect(new Date(postMomentOn(t, '2026-03-08')!).toISOString()).toBe('2026-03-08T03:30:00.000Z');
    expect(new Date(postMomentOn(t, '2026-11-01')!).toISOString()).toBe('2026-11-01T03:30:00.000Z');
  });

  it('Australia/Lord_Howe: the 30-minute DST jump moves 02:15 to 02:45; the repeated half hour posts once', () => {
    const gap = timing('02:15', 'Australia/Lord_Howe');
    const moment = postMomentOn(gap, '2026-10-04')!;
    expect(dayKey(moment, 'Australia/Lord_Howe')).toBe('2026-10-04');
    expect(hm(moment, 'Australia/Lord_Howe')).toBe('02:45');
    expect(postMomentOn(gap, '2026-10-05')! - postMomentOn(gap, '2026-10-03')!).toBe(47.5 * hour);

    const repeated = timing('01:45', 'Australia/Lord_Howe');
    const once = postMomentOn(repeated, '2026-04-05')!;
    expect(dayKey(once, 'Australia/Lord_Howe')).toBe('2026-04-05');
    expect(nextPostAfter(repeated, '2026-04-05')?.day).toBe('2026-04-06');
  });

  it('days off have no moment; weekly schedules find the next week', () => {
    const weekdays = timing('09:00', 'UTC', { days: [1, 2, 3, 4, 5] });
    expect(postMomentOn(weekdays, '2026-03-07')).toBeUndefined(); // Saturday
    expect(nextPostAfter(weekdays, '2026-03-06')?.day).toBe('2026-03-09'); // Friday → Monday
    const mondays = timing('09:00', 'UTC', { days: [1] });
    expect(nextPostAfter(mondays, '2026-03-02')?.day).toBe('2026-03-09');
  });
});

describe('windows', () => {
  it('closes by default an hour before the next post, in local terms across DST', () => {
    const t = timing('09:00', 'America/New_York');
    const at = postMomentOn(t, '2026-03-07')!;
    const close = closeMoment(t, '2026-03-07', at);
    expect(hm(close, 'America/New_York')).toBe('08:00');
    expect(dayKey(close, 'America/New_York')).toBe('2026-03-08');
    expect(close - at).toBe(22 * hour);
  });

  it('a weekday schedule keeps Friday open until an hour before Monday; a set close is exact', () => {
    const t = timing('09:00', 'Europe/London', { days: [1, 2, 3, 4, 5] });
    const friday = postMomentOn(t, '2026-03-06')!;
    expect(closeMoment(t, '2026-03-06', friday)).toBe(postMomentOn(t, '2026-03-09')! - hour);
    const short = timing('09:00', 'Europe/London', { closeAfterMinutes: 90 });
    expect(closeMoment(short, '2026-03-06', friday)).toBe(friday + 90 * 60_000);
  });

  it('latest, due and next windows respect the close and when the schedule became active', () => {
    const t = timing('09:00', 'UTC', { closeAfterMinutes: 120 });
    const nine = Date.UTC(2026, 2, 4, 9, 0);
    expect(latestWindow(t, nine - 1)?.day).toBe('2026-03-03');
    expect(dueWindow(t, nine - 1)).toBeUndefined(); // yesterday's closed at 11:00
    expect(dueWindow(t, nine)?.day).toBe('2026-03-04');
    expect(dueWindow(t, nine + 2 * hour)).toBeUndefined();
    expect(dueWindow({ ...t, activeFrom: nine + 1 }, nine + hour)).toBeUndefined();
    expect(nextWindow({ ...t, activeFrom: nine + 1 }, nine + hour)?.day).toBe('2026-03-05');
  });
});

describe('schedule options', () => {
  it('times are 24-hour HH:MM', () => {
    expect(parseLocalTime('9:05')).toEqual({ ok: true, value: '09:05' });
    expect(parseLocalTime('23:59')).toEqual({ ok: true, value: '23:59' });
    for (const bad of ['24:00', '9', '9am', '09:60', '']) expect(parseLocalTime(bad).ok).toBe(false);
  });

  it('days: presets, ranges (wrapping), lists', () => {
    expect(parseDays('daily')).toEqual({ ok: true, value: every });
    expect(parseDays('every day')).toEqual({ ok: true, value: every });
    expect(parseDays('Weekdays')).toEqual({ ok: true, value: [1, 2, 3, 4, 5] });
    expect(parseDays('mon-fri')).toEqual({ ok: true, value: [1, 2, 3, 4, 5] });
    expect(parseDays('weekends')).toEqual({ ok: true, value: [6, 7] });
    expect(parseDays('mon,wed,fri')).toEqual({ ok: true, value: [1, 3, 5] });
    expect(parseDays('fri-mon')).toEqual({ ok: true, value: [1, 5, 6, 7] });
    expect(parseDays('funday')).toMatchObject({ ok: false, error: expect.stringMatching(/funday.*mon-fri/) });
    expect(formatDays([1, 3, 5])).toBe('Mon, Wed, Fri');
    expect(formatDays([1, 2, 3, 4, 5])).toBe('weekdays');
  });

  it('close durations and their bounds', () => {
    expect(parseCloseAfter('2h')).toEqual({ ok: true, value: 120 });
    expect(parseCloseAfter('90m')).toEqual({ ok: true, value: 90 });
    expect(parseCloseAfter('1h30m')).toEqual({ ok: true, value: 90 });
    expect(parseCloseAfter('default')).toEqual({ ok: true, value: null });
    for (const bad of ['5m', '8d', '200h', 'soon', '']) expect(parseCloseAfter(bad).ok).toBe(false);
  });

  it('time zones: IANA names in any case, spelled conventionally', () => {
    expect(parseTimeZone('europe/london')).toEqual({ ok: true, value: 'Europe/London' });
    expect(parseTimeZone('Asia/Kolkata')).toEqual({ ok: true, value: 'Asia/Kolkata' });
    expect(parseTimeZone('asia/kolkata')).toEqual({ ok: true, value: 'Asia/Kolkata' });
    expect(parseTimeZone('australia/lord_howe')).toEqual({ ok: true, value: 'Australia/Lord_Howe' });
    expect(parseTimeZone('utc')).toEqual({ ok: true, value: 'UTC' });
    for (const bad of ['Mars/Olympus', '+05:30', 'GMT+5:30', "'; DROP TABLE", '']) expect(parseTimeZone(bad).ok).toBe(false);
  });
});

describe('channel values, normalised in one place', () => {
  it('Discord ids, Slack links and terminal names', () => {
    expect(parseChannel('discord', '123456789012345678')).toEqual({ ok: true, value: { id: '123456789012345678', name: '' } });
    expect(parseChannel('discord', '<#123456789012345678>')).toEqual({ ok: true, value: { id: '123456789012345678', name: '' } });
    expect(parseChannel('discord', '#general').ok).toBe(false);
    expect(parseChannel('slack', '<#C0123ABCD|study>')).toEqual({ ok: true, value: { id: 'C0123ABCD', name: 'study' } });
    expect(parseChannel('slack', '<#C0123ABCD>')).toEqual({ ok: true, value: { id: 'C0123ABCD', name: '' } });
    expect(parseChannel('slack', 'C0123ABCD')).toEqual({ ok: true, value: { id: 'C0123ABCD', name: '' } });
    expect(parseChannel('slack', '#study')).toMatchObject({ ok: false, error: expect.stringMatching(/pick the channel/) });
    expect(parseChannel('terminal', '#Study')).toEqual({ ok: true, value: { id: 'study', name: 'study' } });
    expect(parseChannel('terminal', 'study-group')).toEqual({ ok: true, value: { id: 'study-group', name: 'study-group' } });
    expect(parseChannel('terminal', '#no spaces').ok).toBe(false);
  });
});
