import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../support/clock.js';
import { startDiscordHarness, type DiscordHarness } from '../support/discord-harness.js';
import { createTestApp } from '../support/test-app.js';

/** Monday 16 November 2026, 12:00 UTC. */
const monday = Date.UTC(2026, 10, 16, 12, 0);
const second = 1000;

/**
 * The daily post through the real discord.js client and the fake's REST API when Discord
 * answers 429 (with retry_after) and then 5xx: the quiz waits as long as Discord asks, backs
 * off after the 5xx, and the post is made exactly once. (Slack's counterpart is in
 * slack-daily.test.ts; the backoff arithmetic in daily-recovery.test.ts.)
 */
describe('Discord: a daily post meeting 429 and 5xx is retried with backoff and made once', () => {
  const clock = new ManualClock(monday);
  let h: DiscordHarness;

  const postCalls = (): number => h.fake.state.calls.filter((c) => c.method === 'POST' && c.path === `/channels/${h.guild.channels.quiz}/messages`).length;
  const tickAfter = async (ms: number): Promise<void> => {
    clock.advance(ms);
    await h.app.daily.tick();
  };
  const row = () => h.app.store.db.prepare(`SELECT status, message_ref, attempts, last_error FROM posts WHERE kind = 'daily'`).get() as { status: string; message_ref: string | null; attempts: number; last_error: string | null };

  beforeAll(async () => {
    // One quick internal retry per attempt keeps the request count easy to follow.
    h = await startDiscordHarness({ app: createTestApp({ clock, random: () => 0 }), adapter: { rest: { retries: 1, timeoutMs: 5000 } } });
    h.app.daily.attach('discord', h.adapter);
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('waits out retry_after, backs off after a 5xx, then posts once', async () => {
    const admin = h.fake.member('ada', { admin: true });
    const set = await h.fake.slashCommand({ guild: h.guild, member: admin, name: 'daily', sub: 'set', options: { channel: h.guild.channels.quiz!, time: '12:30', timezone: 'UTC' } }).reply();
    expect(set.text).toContain('Daily quiz set');

    // 12:30: Discord rate-limits the post and asks for two minutes.
    h.fake.fail({ method: 'POST', path: /^\/channels\/\d+\/messages$/, status: 429, retryAfter: 120 });
    await tickAfter(30 * 60 * second);
    expect(postCalls()).toBe(1);
    // A rate-limited attempt does not count: Discord acted on nothing, so there is nothing to look for later.
    expect(row()).toMatchObject({ status: 'pending', message_ref: null, attempts: 0 });
    expect(row().last_error).toContain('rate limited');

    // Not a request before those two minutes are up (discord.js adds a 50 ms safety margin).
    await tickAfter(120 * second);
    expect(postCalls()).toBe(1);

    // Then Discord fails with 502s (the client's own quick retry included): no post, a backoff.
    h.fake.fail({ method: 'POST', path: /^\/channels\/\d+\/messages$/, status: 502, times: 2 });
    await tickAfter(1 * second);
    expect(postCalls()).toBe(3);
    expect(row()).toMatchObject({ status: 'pending', message_ref: null, attempts: 1 });
    expect(row().last_error).toContain('502');
    expect(h.fake.state.calls.some((c) => c.method === 'GET' && c.path === `/channels/${h.guild.channels.quiz}/messages`)).toBe(false);
    await tickAfter(4 * second);
    expect(postCalls()).toBe(3);

    // The backoff (5 s after a first failure) has passed: the bot first looks for an earlier
    // attempt that may have landed, finds none, and posts.
    await tickAfter(1 * second);
    expect(postCalls()).toBe(4);
    const messages = h.fake.channelMessages(h.guild.channels.quiz!);
    expect(messages).toHaveLength(1);
    expect(row()).toMatchObject({ status: 'open', message_ref: String(messages[0]!.id), last_error: null });
    expect(h.fake.state.calls.some((c) => c.method === 'GET' && c.path === `/channels/${h.guild.channels.quiz}/messages`)).toBe(true);

    // Later ticks never post again.
    for (let i = 0; i < 5; i += 1) await tickAfter(60 * second);
    expect(postCalls()).toBe(4);
    expect(h.fake.channelMessages(h.guild.channels.quiz!)).toHaveLength(1);
  });
});
