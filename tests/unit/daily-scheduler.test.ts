import { afterEach, describe, expect, it } from 'vitest';
import { addDays, postMomentOn, type ScheduleTiming } from '../../src/core/daily/schedule-times.js';
import { parseDays } from '../../src/core/daily/schedule-options.js';
import { dayKey, localDate } from '../../src/core/time.js';
import { DailyWorld, day, hour, minute } from '../support/daily-world.js';

const hm = (ms: number, zone: string): string => {
  const d = localDate(ms, zone);
  return `${String(d.hour).padStart(2, '0')}:${String(d.minute).padStart(2, '0')}`;
};

let world: DailyWorld | undefined;
afterEach(() => {
  world?.dispose();
  world = undefined;
});

/** The local days from `from` to `to` (inclusive) whose moment falls in [start, end]. */
function expectedDays(timing: ScheduleTiming, start: number, end: number): string[] {
  const days: string[] = [];
  for (let d = dayKey(start, timing.timeZone); d <= dayKey(end, timing.timeZone); d = addDays(d, 1)) {
    const at = postMomentOn(timing, d);
    if (at !== undefined && at >= start && at <= end) days.push(d);
  }
  return days;
}

interface Case {
  zone: string;
  time: string;
  days: string;
  start: string;
  /** A local day whose post moves (DST gap) and the local time it moves to. */
  shifted?: [string, string];
}

const cases: Case[] = [
  { zone: 'America/New_York', time: '09:00', days: 'daily', start: '2026-02-23T00:00:00Z' },
  { zone: 'America/New_York', time: '02:30', days: 'daily', start: '2026-02-23T00:00:00Z', shifted: ['2026-03-08', '03:30'] },
  { zone: 'America/New_York', time: '01:30', days: 'daily', start: '2026-10-19T00:00:00Z' },
  { zone: 'Europe/London', time: '01:30', days: 'weekends', start: '2026-03-16T00:00:00Z', shifted: ['2026-03-29', '02:30'] },
  { zone: 'Europe/London', time: '09:00', days: 'weekdays', start: '2026-10-12T00:00:00Z' },
  { zone: 'Asia/Kolkata', time: '09:00', days: 'mon,wed,fri', start: '2026-03-02T00:00:00Z' },
  { zone: 'Australia/Lord_Howe', time: '02:15', days: 'daily', start: '2026-09-21T00:00:00Z', shifted: ['2026-10-04', '02:45'] },
  { zone: 'Australia/Lord_Howe', time: '01:45', days: 'daily', start: '2026-03-23T00:00:00Z' },
];

describe('weeks of schedule across DST and unusual zones', () => {
  it.each(cases)('$zone at $time ($days) from $start: one post per scheduled local day, at its local time, closed and revealed', async (c) => {
    const start = Date.parse(c.start);
    world = new DailyWorld(start);
    const set = await world.admin(`/daily set #study ${c.time} ${c.zone} ${c.days}`);
    expect(set.text).toMatch(/Daily quiz set for #study/);
    const schedule = world.app.store.schedules.list(1)[0]!;
    await world.jump(3 * 7 * day);
    const end = world.clock.now();

    const timing = { ...schedule, activeFrom: start };
    const days = expectedDays(timing, start, end);
    expect(days.length).toBeGreaterThanOrEqual(c.days === 'mon,wed,fri' ? 9 : c.days === 'weekends' ? 6 : 15);
    const posts = world.poster.postsIn('study');
    const rows = world.dailyPosts();
    expect(rows.map((r) => r.localDay)).toEqual(days);
    expect(posts).toHaveLength(days.length);
    const allowed = parseDays(c.days);
    for (const [i, post] of posts.entries()) {
      const localDay = days[i]!;
      expect(post.at).toBe(postMomentOn(timing, localDay));
      expect(dayKey(post.at, c.zone)).toBe(localDay);
      expect(allowed.ok && allowed.value).toContain(localDate(post.at, c.zone).weekday);
      expect(hm(post.at, c.zone)).toBe(c.shifted?.[0] === localDay ? c.shifted[1] : c.time);
    }
    // Every post but the newest has closed an hour before the next one and shows its answer.
    for (const [i, row] of rows.entries()) {
      if (i === rows.length - 1) {
        expect(row.status).toBe('open');
        continue;
      }
      expect(row.status).toBe('closed');
      expect(row.closesAt).toBe(posts[i + 1]!.at - hour);
      const reveals = world.poster.edits.filter((e) => e.ref === row.messageRef && e.reply.text.startsWith('Daily quiz · closed'));
      expect(reveals).toHaveLength(1);
      expect(reveals[0]!.at).toBe(row.closesAt);
    }
  });

  it('ticking every few minutes, twice at once, and again after each post never posts twice', async () => {
    world = new DailyWorld(Date.parse('2026-03-01T00:00:00Z'));
    await world.admin('/daily set #study 09:00 America/New_York');
    await world.admin('/daily set #other 21:30 Asia/Kolkata weekdays');
    for (let t = 0; t < 14 * 24 * 12; t += 1) {
      world.clock.advance(5 * minute);
      await Promise.all([world.app.daily.tick(), world.app.daily.tick()]);
    }
    const rows = world.dailyPosts();
    for (const channel of ['study', 'other']) {
      const mine = rows.filter((r) => r.channelId === channel);
      expect(new Set(mine.map((r) => r.localDay)).size).toBe(mine.length);
      expect(world.poster.postsIn(channel)).toHaveLength(mine.length);
    }
    expect(rows.filter((r) => r.channelId === 'study')).toHaveLength(14);
    expect(rows.filter((r) => r.channelId === 'other')).toHaveLength(10);
  });
});

describe('changing the schedule without a restart', () => {
  it('a new time applies from its next moment; today is not posted twice', async () => {
    world = new DailyWorld(Date.parse('2026-03-02T00:00:00Z')); // a Monday
    await world.admin('/daily set #study 09:00 UTC');
    await world.jump(10 * hour); // Monday's post at 09:00
    expect(world.poster.posts).toHaveLength(1);
    await world.admin('/daily set #study 18:00 UTC');
    await world.jump(day); // through Monday 18:00 and Tuesday 09:00
    expect(world.poster.posts.map((p) => new Date(p.at).toISOString())).toEqual(['2026-03-02T09:00:00.000Z']);
    await world.jump(day);
    expect(world.poster.posts.map((p) => new Date(p.at).toISOString())).toEqual(['2026-03-02T09:00:00.000Z', '2026-03-03T18:00:00.000Z']);
    // Monday's post was told to close an hour before the 09:00 post that will no longer come;
    // it closes when Tuesday's is made instead, so one question is open at a time.
    const rows = world.dailyPosts();
    expect(rows[0]!.status).toBe('closed');
    expect(rows[0]!.closesAt).toBe(Date.parse('2026-03-03T08:00:00Z'));
  });

  it('an earlier time the same day waits for tomorrow; a new channel and days apply at once', async () => {
    world = new DailyWorld(Date.parse('2026-03-02T10:00:00Z'));
    await world.admin('/daily set #study 09:00 UTC'); // already past today: first post tomorrow
    await world.jump(hour);
    expect(world.poster.posts).toHaveLength(0);
    await world.admin('/daily set #study 12:00 UTC weekends');
    await world.admin('/daily set #late 11:30 UTC');
    await world.jump(7 * day);
    const at = (ch: string) => world!.poster.postsIn(ch).map((p) => new Date(p.at).toISOString().slice(0, 16));
    expect(at('study')).toEqual(['2026-03-07T12:00', '2026-03-08T12:00']);
    expect(at('late')).toHaveLength(7);
    expect(at('late')[0]).toBe('2026-03-02T11:30');
  });

  it('pause skips scheduled days; resume starts from the next moment; remove stops for good', async () => {
    world = new DailyWorld(Date.parse('2026-03-02T00:00:00Z'));
    await world.admin('/daily set #study 09:00 UTC');
    await world.admin('/daily set #other 10:00 UTC');
    await world.jump(day); // Monday: both post
    expect(world.poster.posts).toHaveLength(2);
    await world.admin('/daily pause #study');
    await world.jump(2 * day); // Tue, Wed: only #other
    expect(world.poster.postsIn('study')).toHaveLength(1);
    expect(world.poster.postsIn('other')).toHaveLength(3);
    // Resumed at 09:30 Thursday: Thursday 09:00 has passed, so the next is Friday.
    world.clock.set(Date.parse('2026-03-05T09:30:00Z'));
    await world.admin('/daily resume');
    await world.jump(day);
    expect(world.poster.postsIn('study').map((p) => new Date(p.at).toISOString().slice(0, 10))).toEqual(['2026-03-02', '2026-03-06']);
    // Monday's #study post closed and was revealed while paused.
    expect(world.dailyPosts()[0]).toMatchObject({ status: 'closed', revealedAt: expect.any(Number) });
    await world.admin('/daily remove');
    const before = world.poster.posts.length;
    await world.jump(3 * day);
    expect(world.poster.posts).toHaveLength(before);
    // Removed and set again the same day: still once per channel per local day.
    world.clock.set(Date.parse('2026-03-10T09:30:00Z'));
    await world.admin('/daily set #study 09:15 UTC');
    await world.jump(day);
    await world.admin('/daily remove #study');
    await world.admin('/daily set #study 09:45 UTC');
    await world.jump(2 * hour);
    const march11 = world.poster.postsIn('study').filter((p) => new Date(p.at).toISOString().startsWith('2026-03-11'));
    expect(march11).toHaveLength(1);
  });

  it('only schedules of platforms with a poster are served; attaching later catches up within the window', async () => {
    world = new DailyWorld(Date.parse('2026-03-02T08:00:00Z'));
    const discordAdmin = { community: { platform: 'discord' as const, externalId: 'g1' }, userId: 'a', displayName: 'A', isAdmin: true };
    const set = await world.app.bot.handle(discordAdmin, { type: 'command', name: 'daily', sub: 'set', args: { channel: '123456789012345678', time: '09:00', timezone: 'UTC' } });
    expect(set.text).toMatch(/Daily quiz set for <#123456789012345678>/);
    await world.jump(2 * hour);
    expect(world.dailyPosts()).toHaveLength(0);
    world.app.daily.attach('discord', world.poster);
    await world.tick();
    expect(world.poster.postsIn('123456789012345678')).toHaveLength(1);
  });
});
