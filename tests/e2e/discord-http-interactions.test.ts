import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bot } from '../../src/core/bot.js';
import { Metrics } from '../../src/ops/metrics.js';
import { OpsRoutes } from '../../src/ops/ops-routes.js';
import { startDiscordHarness, type DiscordHarness } from '../support/discord-harness.js';
import { createTestApp } from '../support/test-app.js';

/** A bot whose /quiz is slow, so the endpoint must defer and fill the reply in over REST. */
function slowQuiz(bot: Bot): Bot {
  return {
    specs: bot.specs,
    async handle(caller, input) {
      if (input.type === 'command' && input.name === 'quiz') await new Promise((resolve) => setTimeout(resolve, 150));
      return bot.handle(caller, input);
    },
  };
}

/**
 * The Interactions Endpoint URL mode: the fake Discord POSTs each interaction to the bot's
 * HTTP endpoint, signed with a real Ed25519 key pair made for the test, and takes the HTTP
 * response as the first response, checked as Discord checks it. No gateway connection.
 */
describe('Discord interactions endpoint: signed HTTP interactions through the same handler', () => {
  let h: DiscordHarness;
  let metrics: Metrics;
  beforeAll(async () => {
    const app = createTestApp({ random: () => 0 });
    metrics = new Metrics();
    app.telemetry.use(metrics);
    const ops = new OpsRoutes(metrics);
    ops.add({ name: 'database', check: async () => app.store.db.prepare('SELECT 1').get() !== undefined });
    h = await startDiscordHarness({ app, http: true, bot: slowQuiz, adapter: { deferAfterMs: 50, ops } });
    ops.add({ name: 'discord', check: () => h.adapter.reachable() });
  });
  afterAll(async () => {
    await h?.stop();
  });

  const base = (): string => `http://127.0.0.1:${h.adapter.interactionsPort}`;

  it('holds no gateway session, and answers PING with PONG', async () => {
    expect(h.fake.state.identifies).toHaveLength(0);
    const pong = await h.fake.http.send(JSON.stringify({ id: '1', type: 1, application_id: h.fake.applicationId, token: 't', version: 1 }));
    expect(pong.status).toBe(200);
    expect(JSON.parse(pong.body)).toEqual({ type: 1 });
  });

  it('a command is answered in the HTTP response itself, not by a REST callback', async () => {
    const alice = h.fake.member('alice');
    const explain = h.fake.slashCommand({ guild: h.guild, member: alice, name: 'explain', options: { topic: 'fargate' } });
    const reply = await explain.reply();
    expect(explain.record.httpStatus).toBe(200);
    expect(explain.record.callbacks[0]?.type).toBe(4);
    expect(h.fake.state.calls.some((c) => c.path.includes('/callback'))).toBe(false);
    expect(reply.ephemeral).toBe(false);
    expect(reply.embeds[0]?.title).toBe('AWS Fargate');
  });

  it('a slow command is deferred in the HTTP response and its reply filled in over REST', async () => {
    const carol = h.fake.member('carol');
    const quiz = h.fake.slashCommand({ guild: h.guild, member: carol, name: 'quiz', options: { topic: 'api-gateway' } });
    const question = await quiz.reply();
    expect(quiz.record.callbacks[0]?.type).toBe(5);
    expect(question.deferred).toBe(true);
    expect(question.ephemeral).toBe(true);

    // A press on the question: answered once, privately, in the HTTP response.
    const community = h.app.store.communities.find({ platform: 'discord', externalId: h.guild.id })!;
    const post = h.app.store.posts.get(community.id, Number(question.buttons[0]!.customId.split(':')[1]))!;
    const item = h.app.library.item(post.itemId)!;
    const right = question.buttons[item.answer[0]!]!;
    const press = h.fake.press({ member: carol, messageId: question.id, customId: right.customId });
    const verdict = await press.reply();
    expect(press.record.httpStatus).toBe(200);
    expect(verdict.ephemeral).toBe(true);
    expect(verdict.text).toContain('Right!');
  });

  it('autocomplete answers with choices in the HTTP response', async () => {
    const choices = await h.fake.autocomplete({ guild: h.guild, member: h.fake.member('dan'), name: 'explain', focused: 'topic', options: { topic: 'farg' } }).choices();
    expect(choices[0]?.value).toBe('fargate');
  });

  it('/daily set checks the channel with Discord (no gateway cache) and accepts one of this server', async () => {
    const admin = h.fake.member('ada', { admin: true });
    const other = await h.fake.slashCommand({ guild: h.guild, member: admin, name: 'daily', sub: 'set', options: { channel: h.otherGuild.channels.general!, time: '09:00' } }).reply();
    expect(other.text).toContain('is not a channel of this server');
    const set = await h.fake.slashCommand({ guild: h.guild, member: admin, name: 'daily', sub: 'set', options: { channel: h.guild.channels.quiz!, time: '09:00', timezone: 'UTC' } }).reply();
    expect(set.text).toMatch(/09:00/);
    expect(h.app.store.schedules.active().map((s) => s.channelId)).toContain(h.guild.channels.quiz);
  });

  it('refuses a bad, forged, tampered, missing or stale signature with 401, and runs nothing', async () => {
    const before = h.app.store.db.prepare('SELECT (SELECT count(*) FROM posts) + (SELECT count(*) FROM members) AS n').get() as { n: number };
    const callsBefore = h.fake.state.calls.length;
    const body = JSON.stringify({ id: '999', type: 2, application_id: h.fake.applicationId, token: 'forged', version: 1, guild_id: h.guild.id, data: { id: '1', name: 'quiz', type: 1 } });
    for (const options of [{ signature: 'wrong-key' as const }, { tamper: true }, { signature: 'none' as const }, { timestamp: Math.floor(Date.now() / 1000) - 600 }, { timestamp: Math.floor(Date.now() / 1000) + 600 }]) {
      const answer = await h.fake.http.send(body, options);
      expect(answer.status, JSON.stringify(options)).toBe(401);
    }
    const after = h.app.store.db.prepare('SELECT (SELECT count(*) FROM posts) + (SELECT count(*) FROM members) AS n').get() as { n: number };
    expect(after.n).toBe(before.n);
    expect(h.fake.state.calls.length).toBe(callsBefore);
  });

  it('refuses an oversized body with 413 before reading it, and keeps serving', async () => {
    const huge = JSON.stringify({ id: '5', type: 2, padding: 'x'.repeat(300 * 1024) });
    expect((await h.fake.http.send(huge)).status).toBe(413);
    const res = await fetch(`${base()}/interactions`, { method: 'POST', headers: { 'content-length': String(10 * 1024 * 1024) }, body: 'x'.repeat(1024) }).catch(() => undefined);
    expect(res === undefined || res.status === 413).toBe(true);
    const pong = await h.fake.http.send(JSON.stringify({ id: '2', type: 1 }));
    expect(pong.status).toBe(200);
  });

  it('GET /healthz reports the database and Discord; GET /metrics counts commands, presses and acknowledgement time', async () => {
    const health = await fetch(`${base()}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok', checks: { database: 'ok', discord: 'ok' } });

    const text = await (await fetch(`${base()}/metrics`)).text();
    expect(text).toMatch(/cloudstudy_commands_total\{command="explain"\} [1-9]/);
    expect(text).toMatch(/cloudstudy_commands_total\{command="quiz"\} [1-9]/);
    expect(text).toMatch(/cloudstudy_presses_total\{action="answer"\} [1-9]/);
    expect(text).toMatch(/cloudstudy_acknowledgement_seconds_count\{input="command"\} [1-9]/);
    expect(text).toMatch(/cloudstudy_failures_total\{kind="post_retry"\} 0/);

    // Discord unreachable: 503, and the body says which.
    h.fake.fail({ method: 'GET', path: /^\/users\/@me$/, status: 503, times: 5 });
    const down = await fetch(`${base()}/healthz`);
    expect(down.status).toBe(503);
    expect(await down.json()).toEqual({ status: 'unavailable', checks: { database: 'ok', discord: 'unreachable' } });
    h.fake.clearFailures();
  });
});
