import { afterEach, describe, expect, it } from 'vitest';
import { attemptLeaseMs } from '../../src/core/daily/daily-calls.js';
import { DailyWorld, day, hour } from '../support/daily-world.js';

let world: DailyWorld | undefined;
afterEach(() => {
  world?.dispose();
  world = undefined;
});

const iso = (ms: number): string => new Date(ms).toISOString().slice(0, 16);
const rateLimited = (ms: number): Error => Object.assign(new Error('429 Too Many Requests'), { retryAfterMs: ms });

describe('restarts', () => {
  it('a post missed while down is made once at restart if its window is still open, never twice', async () => {
    world = new DailyWorld(Date.parse('2026-03-02T08:00:00Z'));
    await world.admin('/daily set #study 09:00 Europe/London');
    await world.tick();
    world.restart(); // down from 08:00…
    world.clock.set(Date.parse('2026-03-02T13:00:00Z')); // …until 13:00: the 09:00 window is open
    await world.tick();
    expect(world.poster.posts.map((p) => iso(p.at))).toEqual(['2026-03-02T13:00']);
    world.restart();
    await world.tick();
    world.restart();
    world.clock.advance(hour);
    await world.tick();
    expect(world.poster.posts).toHaveLength(1);
    // The catch-up post keeps the scheduled close: an hour before the next post.
    expect(world.dailyPosts()[0]!.closesAt).toBe(Date.parse('2026-03-03T08:00:00Z'));
  });

  it('a post whose window passed while down is closed and revealed; a day whose window passed is skipped', async () => {
    world = new DailyWorld(Date.parse('2026-03-02T08:00:00Z')); // Monday
    await world.admin('/daily set #study 09:00 UTC');
    await world.jump(2 * hour); // Monday's post is up
    const monday = world.poster.posts[0]!;
    await world.as('Ana', `ans:${DailyWorld.postIdOf(monday.reply)}:0`);
    world.restart(); // down from Monday 10:00…
    world.clock.set(Date.parse('2026-03-04T10:00:00Z')); // …to Wednesday 10:00
    await world.tick();
    const rows = world.dailyPosts();
    expect(rows.map((r) => [r.localDay, r.status])).toEqual([
      ['2026-03-02', 'closed'],
      ['2026-03-04', 'open'],
    ]);
    const reveal = world.poster.messages.get(monday.ref)!;
    expect(reveal.reply.text).toMatch(/^Daily quiz · closed/);
    expect(reveal.reply.text).toMatch(/of 1 got it right/);
    // The reveal (Ana's answer came too late for a count edit) before Wednesday's question.
    expect(world.poster.sequence).toEqual(['post m1', 'edit m1', 'post m2']);
    expect(world.poster.edits.filter((e) => e.reply.text.startsWith('Daily quiz · closed'))).toHaveLength(1);
    expect(world.poster.posts.map((p) => iso(p.at))).toEqual(['2026-03-02T09:00', '2026-03-04T10:00']);
  });

  it('a crash after the platform took the post but before we stored it: the retry finds and adopts it', async () => {
    world = new DailyWorld(Date.parse('2026-03-02T08:59:00Z'), { canFind: true });
    await world.admin('/daily set #study 09:00 UTC');
    // The platform takes the message, but the call never returns: the process dies waiting.
    let taken = false;
    world.poster.post = async (channelId, reply) => {
      taken = true;
      world!.poster.messages.set('lost-1', { channelId, ref: 'lost-1', reply, at: world!.clock.now() });
      return new Promise<string>(() => {});
    };
    world.clock.set(Date.parse('2026-03-02T09:00:00Z'));
    void world.app.daily.tick();
    await new Promise((resolve) => setImmediate(resolve));
    expect(taken).toBe(true);
    world.restart();
    const calls: string[] = [];
    world.poster.post = async () => {
      calls.push('post');
      return 'second';
    };
    await world.tick(); // the dead attempt's lease still holds
    expect(world.dailyPosts()[0]).toMatchObject({ status: 'pending', messageRef: null });
    world.clock.advance(attemptLeaseMs);
    await world.tick();
    expect(calls).toEqual([]);
    expect(world.dailyPosts()[0]).toMatchObject({ status: 'open', messageRef: 'lost-1' });
    // Answers and the reveal go to the adopted message.
    await world.as('Ana', `ans:${world.dailyPosts()[0]!.id}:1`);
    await world.jump(day);
    expect(world.poster.messages.get('lost-1')!.reply.text).toMatch(/Daily quiz · closed[\s\S]*of 1 got it right/);
  });

  it('a timeout after delivery is not posted twice when the platform can be asked', async () => {
    world = new DailyWorld(Date.parse('2026-03-02T09:00:00Z'), { canFind: true });
    await world.admin('/daily set #study 09:00 UTC');
    world.poster.postFailures.push({ type: 'accept-then-throw', error: new Error('socket hang up') });
    await world.tick();
    expect(world.dailyPosts()[0]).toMatchObject({ status: 'pending', lastError: 'Error: socket hang up' });
    await world.jump(hour);
    expect(world.poster.posts).toHaveLength(1);
    expect(world.dailyPosts()[0]).toMatchObject({ status: 'open', messageRef: world.poster.posts[0]!.ref });
  });
});

describe('platform failures', () => {
  it('retries a failed post with growing backoff, logs the error, and posts exactly once', async () => {
    world = new DailyWorld(Date.parse('2026-03-02T09:00:00Z'));
    await world.admin('/daily set #study 09:00 UTC');
    for (let i = 0; i < 4; i += 1) world.poster.postFailures.push({ type: 'throw', error: new Error(`503 attempt ${i + 1}`) });
    const attempts: number[] = [];
    const post = world.poster.post.bind(world.poster);
    world.poster.post = async (channelId, reply) => {
      attempts.push(world!.clock.now());
      return post(channelId, reply);
    };
    await world.jump(hour);
    expect(world.poster.posts).toHaveLength(1);
    const gaps = attempts.slice(1).map((t, i) => t - attempts[i]!);
    expect(gaps).toEqual([5_000, 10_000, 20_000, 40_000]);
    expect(world.dailyPosts()[0]).toMatchObject({ status: 'open', lastError: null });
  });

  it("honours a 429's retryAfterMs", async () => {
    world = new DailyWorld(Date.parse('2026-03-02T09:00:00Z'));
    await world.admin('/daily set #study 09:00 UTC');
    world.poster.postFailures.push({ type: 'throw', error: rateLimited(90_000) });
    await world.tick();
    world.clock.advance(89_000);
    await world.tick();
    expect(world.poster.posts).toHaveLength(0);
    world.clock.advance(1_000);
    await world.tick();
    expect(world.poster.posts).toHaveLength(1);
  });

  it('a permanent refusal skips the day without retrying; the day does not count against streaks', async () => {
    world = new DailyWorld(Date.parse('2026-03-02T08:00:00Z'));
    await world.admin('/daily set #study 09:00 UTC');
    await world.jump(2 * hour);
    await world.as('Ana', `ans:${DailyWorld.postIdOf(world.poster.posts[0]!.reply)}:0`);
    world.poster.postFailures.push(
      { type: 'throw', error: Object.assign(new Error('not_in_channel'), { permanent: true }) },
      { type: 'throw', error: new Error('a retry would meet this') },
    );
    await world.jump(day); // Tuesday refused once, not retried
    expect(world.poster.postFailures).toHaveLength(1);
    world.poster.postFailures.length = 0;
    await world.jump(day); // Wednesday posted
    expect(world.dailyPosts().map((r) => [r.localDay, r.status, r.messageRef !== null])).toEqual([
      ['2026-03-02', 'closed', true],
      ['2026-03-03', 'closed', false],
      ['2026-03-04', 'open', true],
    ]);
    await world.as('Ana', `ans:${world.dailyPosts()[2]!.id}:0`);
    await world.jump(day); // Wednesday closes: its answers count
    expect(world.app.store.communities.findMember(1, 'ana')!.streakCurrent).toBe(2);
  });

  it('a window that closes during retries leaves the day unposted, never late and doubled', async () => {
    world = new DailyWorld(Date.parse('2026-03-02T09:00:00Z'));
    await world.admin('/daily set #study 09:00 UTC close:30m');
    for (let i = 0; i < 40; i += 1) world.poster.postFailures.push({ type: 'throw', error: new Error('503') });
    await world.jump(hour);
    expect(world.poster.posts).toHaveLength(0);
    expect(world.dailyPosts()[0]).toMatchObject({ status: 'closed', messageRef: null });
    world.poster.postFailures.length = 0;
    await world.jump(day);
    expect(world.poster.posts).toHaveLength(1);
  });

  it('a failed reveal is retried until it shows; a failed count edit waits for the next interval', async () => {
    world = new DailyWorld(Date.parse('2026-03-02T09:00:00Z'));
    await world.admin('/daily set #study 09:00 UTC close:2h');
    await world.tick();
    const ref = world.poster.posts[0]!.ref;
    world.poster.editFailures.push({ type: 'throw', error: new Error('timeout') });
    await world.as('Ana', `ans:${world.dailyPosts()[0]!.id}:0`);
    world.clock.advance(5_000);
    await world.tick(); // the count edit fails
    expect(world.poster.edits).toHaveLength(0);
    world.clock.advance(5_000);
    await world.tick();
    expect(world.poster.messages.get(ref)!.reply.text).toMatch(/1 answered so far/);
    world.poster.editFailures.push({ type: 'throw', error: rateLimited(30_000) }, { type: 'throw', error: new Error('timeout') });
    await world.jump(3 * hour);
    const reveals = world.poster.edits.filter((e) => e.reply.text.startsWith('Daily quiz · closed'));
    expect(reveals).toHaveLength(1);
    expect(reveals[0]!.at - Date.parse('2026-03-02T11:00:00Z')).toBe(30_000 + 10_000);
  });

  it('a message deleted on the platform: the reveal is given up and logged, not retried forever', async () => {
    world = new DailyWorld(Date.parse('2026-03-02T09:00:00Z'));
    await world.admin('/daily set #study 09:00 UTC close:1h');
    await world.tick();
    world.poster.messages.clear();
    await world.jump(2 * hour);
    const row = world.dailyPosts()[0]!;
    expect(row).toMatchObject({ status: 'closed', revealedAt: Date.parse('2026-03-02T10:00:00Z') });
    expect(row.lastError).toMatch(/no message/);
    expect(world.app.daily.nextDueAt()).toBe(Date.parse('2026-03-03T09:00:00Z'));
  });
});

describe('the timer', () => {
  it('start() catches up at once and stop() waits for the call in flight', async () => {
    world = new DailyWorld(Date.parse('2026-03-02T08:00:00Z'));
    await world.admin('/daily set #study 09:00 UTC');
    world.clock.set(Date.parse('2026-03-02T09:30:00Z')); // as if the bot was down at 09:00
    let release: (ref: string) => void = () => {};
    const called = new Promise<void>((posting) => {
      world!.poster.post = () => {
        posting();
        return new Promise<string>((resolve) => (release = resolve));
      };
    });
    world.app.daily.start();
    await called; // the timer's first tick reached the platform
    const stopped = world.app.daily.stop();
    let done = false;
    void stopped.then(() => (done = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(done).toBe(false);
    release('m-late');
    await stopped;
    expect(world.dailyPosts()[0]).toMatchObject({ status: 'open', messageRef: 'm-late' });
  });
});
