import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app.js';
import { digestWeekOn, latestDigestWeek } from '../../src/core/daily/digest-week.js';
import { addDays } from '../../src/core/daily/schedule-times.js';
import type { QuizItem } from '../../src/core/content/schema.js';
import { dayKey } from '../../src/core/time.js';
import { createLogger } from '../../src/log.js';
import { DailyWorld, day, hour, minute } from '../support/daily-world.js';
import { RecordingPoster, type Delivery } from '../support/recording-poster.js';

let world: DailyWorld | undefined;
const others: App[] = [];
afterEach(() => {
  for (const app of others.splice(0)) app.close();
  world?.dispose();
  world = undefined;
});

const digests = (poster: RecordingPoster): Delivery[] => poster.posts.filter((p) => p.reply.text.startsWith('Weekly digest'));
const digestRows = (w: DailyWorld) => w.app.store.db.prepare('SELECT week, status, attempts FROM digests ORDER BY id').all() as { week: string; status: string; attempts: number }[];

/** A community in `zone` with a 09:00 daily quiz in #study (every day) and the digest on, from `start`. */
async function subscribed(start: string, zone = 'UTC', days = 'daily'): Promise<DailyWorld> {
  const w = new DailyWorld(Date.parse(start));
  world = w;
  await w.admin(`/daily config timezone:${zone}`);
  await w.admin(`/daily set #study 09:00 ${days}`);
  const on = await w.admin('/daily config digest:on');
  expect(on.text).toMatch(/weekly digest is on in #study: each Monday at 09:00/);
  return w;
}

describe('the weekly digest is posted once per channel per week', () => {
  it('ticks over three weeks post it once each Monday at the schedule time, never twice', async () => {
    const w = await subscribed('2026-03-04T10:00:00Z');
    await w.jump(5 * day);
    // Two ticks at once after the moment: still one.
    await Promise.all([w.tick(), w.tick()]);
    await w.jump(15 * day);
    const posted = digests(w.poster);
    expect(posted.map((p) => new Date(p.at).toISOString())).toEqual(['2026-03-09T09:00:00.000Z', '2026-03-16T09:00:00.000Z', '2026-03-23T09:00:00.000Z']);
    expect(digestRows(w)).toEqual(['2026-03-09', '2026-03-16', '2026-03-23'].map((week) => ({ week, status: 'posted', attempts: 1 })));
  });

  it('two apps on one database file tick at the same moment: one digest', async () => {
    const w = await subscribed('2026-03-06T10:00:00Z');
    await w.jump(2 * day);
    const second = createApp({ databasePath: w.app.store.db.name, clock: w.clock, log: createLogger('silent') });
    others.push(second);
    const poster2 = new RecordingPoster({ clock: w.clock });
    second.daily.attach('terminal', poster2);
    // The platform takes its time, so the other app ticks while the first call is in flight.
    for (const poster of [w.poster, poster2]) {
      const post = poster.post.bind(poster);
      poster.post = async (channelId, reply) => {
        if (reply.text.startsWith('Weekly digest')) await new Promise((resolve) => setTimeout(resolve, 50));
        return post(channelId, reply);
      };
    }
    w.clock.set(Date.parse('2026-03-09T09:00:00Z'));
    await Promise.all([w.tick(), second.daily.tick(), w.tick(), second.daily.tick()]);
    expect(digests(w.poster).length + digests(poster2).length).toBe(1);
    expect(digestRows(w)).toEqual([{ week: '2026-03-09', status: 'posted', attempts: 1 }]);
  });

  it('a failed attempt is retried after a restart and posted once; a restart after posting does not post again', async () => {
    const w = await subscribed('2026-03-06T10:00:00Z');
    await w.jump(2 * day);
    const post = w.poster.post.bind(w.poster);
    w.poster.post = async (channelId, reply) => {
      if (reply.text.startsWith('Weekly digest')) throw new Error('502 Bad Gateway');
      return post(channelId, reply);
    };
    w.clock.set(Date.parse('2026-03-09T09:00:00Z'));
    await w.tick();
    expect(digests(w.poster)).toHaveLength(0);
    expect(digestRows(w)).toEqual([{ week: '2026-03-09', status: 'pending', attempts: 1 }]);
    w.poster.post = post;
    w.restart();
    await w.jump(hour);
    expect(digests(w.poster)).toHaveLength(1);
    w.restart();
    await w.jump(2 * day);
    expect(digests(w.poster)).toHaveLength(1);
    expect(digestRows(w)).toEqual([{ week: '2026-03-09', status: 'posted', attempts: 2 }]);
  });

  it('turned on after Monday\'s moment, the first digest is the next Monday; turned off, none', async () => {
    const w = await subscribed('2026-03-09T10:00:00Z');
    await w.jump(6 * day);
    expect(digests(w.poster)).toHaveLength(0);
    await w.jump(day);
    expect(digests(w.poster)).toHaveLength(1);
    await w.admin('/daily config digest:off');
    await w.jump(8 * day);
    expect(digests(w.poster)).toHaveLength(1);
  });
});

describe('the week follows the community time zone across daylight saving', () => {
  it('New York: Monday 09:00 is 14:00 UTC before the spring change and 13:00 after; each covers Monday to Sunday there', () => {
    expect(digestWeekOn('09:00', 'America/New_York', '2026-03-02')?.at).toBe(Date.parse('2026-03-02T14:00:00Z'));
    const spring = digestWeekOn('09:00', 'America/New_York', '2026-03-09')!;
    expect(spring).toMatchObject({ at: Date.parse('2026-03-09T13:00:00Z'), from: '2026-03-02', to: '2026-03-08' });
    // At 13:30 UTC on that Monday it is due in New York, not yet in UTC+14.
    expect(latestDigestWeek('09:00', 'America/New_York', Date.parse('2026-03-09T13:30:00Z'))?.week).toBe('2026-03-09');
    expect(latestDigestWeek('09:00', 'America/New_York', Date.parse('2026-03-09T12:30:00Z'))?.week).toBe('2026-03-02');
    const autumn = digestWeekOn('09:00', 'Europe/London', '2026-11-02')!;
    expect(autumn).toMatchObject({ at: Date.parse('2026-11-02T09:00:00Z'), from: '2026-10-26', to: '2026-11-01' });
    expect(digestWeekOn('09:00', 'Europe/London', '2026-10-19')?.at).toBe(Date.parse('2026-10-19T08:00:00Z'));
  });

  it('a New York channel gets its digest at 09:00 New York time after the change, covering the 7 New York days before', async () => {
    // 07:00 on Monday 2 March in New York: that day's digest has no week of questions behind it.
    const w = await subscribed('2026-03-02T12:00:00Z', 'America/New_York');
    await w.jump(8 * day);
    expect(digestRows(w)).toEqual([{ week: '2026-03-02', status: 'skipped', attempts: 0 }, { week: '2026-03-09', status: 'posted', attempts: 1 }]);
    const [digest] = digests(w.poster);
    expect(new Date(digest!.at).toISOString()).toBe('2026-03-09T13:00:00.000Z');
    expect(digest!.reply.text).toMatch(/^Weekly digest: 2026-03-02 to 2026-03-08/);
    expect(digest!.reply.text).toContain('No answers on 7 daily questions this week.');
    expect(dayKey(digest!.at, 'America/New_York')).toBe('2026-03-09');
  });
});

const right = (item: QuizItem): string => item.answer.join('+');
const wrong = (item: QuizItem): string => {
  const picks: number[] = [];
  for (let i = 0; picks.length < item.answer.length; i += 1) if (!item.answer.includes(i)) picks.push(i);
  return picks.join('+');
};

describe('what the digest says', () => {
  it('known answers give known figures; the readiness part names nobody', async () => {
    // Weekdays at 09:00 UTC from Monday 23 February: week A, then week B (2–6 March).
    const w = await subscribed('2026-02-23T08:00:00Z', 'UTC', 'weekdays');
    // Per weekday of each week, who answers and whether right ('r') or wrong ('w').
    const weekA: Record<string, string>[] = [{ Ana: 'r', Ben: 'r' }, { Ana: 'w', Ben: 'r' }, { Ana: 'w', Ben: 'r' }, { Ana: 'w', Ben: 'r' }, {}];
    const weekB: Record<string, string>[] = [{ Ana: 'r', Ben: 'r', Cy: 'w' }, { Ana: 'r', Ben: 'w', Cy: 'w' }, { Ana: 'r', Ben: 'r', Cy: 'w' }, { Ana: 'r', Ben: 'r' }, {}];
    const days = [...weekA, {}, {}, ...weekB];
    for (const [i, answers] of days.entries()) {
      await w.jump(i === 0 ? hour + minute : day);
      const today = addDays('2026-02-23', i);
      const post = w.dailyPosts().find((p) => p.localDay === today);
      if (!post) continue;
      const item = w.app.library.item(post.itemId)!;
      for (const [name, verdict] of Object.entries(answers)) await w.as(name, `ans:${post.id}:${verdict === 'r' ? right(item) : wrong(item)}`);
    }
    await w.jump(3 * day);
    expect(digestRows(w).map((r) => `${r.week} ${r.status}`)).toEqual(['2026-02-23 skipped', '2026-03-02 posted', '2026-03-09 posted']);
    const digest = digests(w.poster).find((d) => d.reply.text.startsWith('Weekly digest: 2026-03-02'));
    const text = digest!.reply.text;
    expect(text).toMatch(/^Weekly digest: 2026-03-02 to 2026-03-08/);
    expect(text).toContain('11 answers on 5 daily questions, 64% right (7 of 11).');
    const hardest = w.app.library.item(w.dailyPosts().find((p) => p.localDay === '2026-03-03')!.itemId)!;
    expect(text).toContain(`Hardest question (2026-03-03): "${hardest.question.length > 160 ? hardest.question.slice(0, 157) : hardest.question}`);
    expect(text).toContain('1 of 3 right (33%).');
    expect(text).toContain('Most improved (share right against last week, 3+ answers in each): Ana 25% → 100%.');
    expect(text).toMatch(/Longest streaks: Ana 8 days, Ben 8 days\./);
    const readiness = text.split('\n').filter((l) => l.startsWith('Group readiness') || l.startsWith('Per topic'));
    expect(readiness).toHaveLength(2);
    expect(readiness[0]).toMatch(/Group readiness: (no one has enough answers for a figure yet|\d of \d members with a figure are above the pass line)\. Weakest topics: /);
    const image = digest!.reply.blocks.find((b) => b.type === 'image');
    expect(image?.type === 'image' && image.alt).toMatch(/^Weekly digest, 2026-03-02 to 2026-03-08: 11 answers, 64% right; group readiness per topic against the pass line of 70%: /);
    for (const part of [...readiness, image?.type === 'image' ? image.alt : '', image?.type === 'image' ? image.svg : '']) {
      for (const name of ['Ana', 'Ben', 'Cy']) expect(part).not.toContain(name);
    }
  });
});
