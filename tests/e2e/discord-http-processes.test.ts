import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { REST } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerCommands } from '../../src/adapters/discord/register-commands.js';
import { restOptions } from '../../src/adapters/discord/rest-options.js';
import { createApp } from '../../src/app.js';
import { createLogger } from '../../src/log.js';
import { FakeDiscord, type FakeGuildHandle } from '../fakes/fake-discord.js';
import { viewMessage } from '../fakes/fake-discord-view.js';
import { startBot, type BotProcess } from '../support/bot-process.js';

const childTimeoutMs = 60_000;
const processes = 3;
const members = 12;

/**
 * Three bot processes in the interactions-endpoint mode on one SQLite file, behind the fake
 * Discord, which sends each interaction to the next process in turn as a load balancer
 * would. One bot, one database: the daily post is made once, each press is answered once
 * and counted once, wherever it lands.
 */
describe('Discord interactions endpoint: three processes serve one bot on one database', () => {
  let fake: FakeDiscord;
  let guild: FakeGuildHandle;
  let dir: string;
  let dbPath: string;
  const bots: BotProcess[] = [];
  const urls: string[] = [];

  beforeAll(async () => {
    fake = await FakeDiscord.start();
    guild = fake.addGuild('Study Group', ['general', 'quiz']);
    dir = mkdtempSync(join(tmpdir(), 'cloudstudy-processes-'));
    dbPath = join(dir, 'bot.db');
    // A daily quiz in #quiz whose window opened a minute ago: due as the processes start.
    const seed = createApp({ databasePath: dbPath, log: createLogger('silent') });
    const now = Date.now();
    const opened = new Date(now - 60_000);
    const localTime = `${String(opened.getUTCHours()).padStart(2, '0')}:${String(opened.getUTCMinutes()).padStart(2, '0')}`;
    seed.store.write(() => {
      const community = seed.store.communities.ensure({ platform: 'discord', externalId: guild.id, name: guild.name }, now);
      seed.store.schedules.set({ communityId: community.id, channelId: guild.channels.quiz!, channelName: 'quiz', localTime, timeZone: 'UTC', days: [1, 2, 3, 4, 5, 6, 7], closeAfterMinutes: 120 }, now - 2 * 60 * 60_000);
    });
    await registerCommands({ rest: new REST(restOptions(fake.apiUrl)).setToken(fake.token), specs: seed.bot.specs, guildId: guild.id });
    seed.close();

    const env = { DISCORD_TOKEN: fake.token, DISCORD_API_URL: fake.apiUrl, DISCORD_PUBLIC_KEY: fake.http.publicKey, DISCORD_INTERACTIONS_PORT: '0', DATABASE_PATH: dbPath, LOG_LEVEL: 'info' };
    for (let i = 0; i < processes; i += 1) bots.push(startBot(env));
    for (const bot of bots) {
      await bot.logged(/discord interactions endpoint ready/);
      const line = bot.stderr().split('\n').find((l) => l.includes('discord interactions endpoint ready')) ?? '{}';
      urls.push(`http://127.0.0.1:${(JSON.parse(line) as { port: number }).port}`);
    }
    fake.useEndpoints(urls.map((url) => `${url}/interactions`));
  }, childTimeoutMs);

  afterAll(async () => {
    for (const bot of bots) await bot.kill('SIGKILL');
    await fake?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('no process holds a gateway session', () => {
    expect(fake.state.identifies).toHaveLength(0);
  });

  it('makes the daily post once, and each press, wherever it lands, is answered and counted once', async () => {
    const message = await fake.waitFor(() => fake.channelMessages(guild.channels.quiz!)[0], 'the daily post', childTimeoutMs);
    const post = viewMessage(message);
    // The answer buttons only: "Report this question" opens a modal, not a reply.
    const answers = post.buttons.filter((b) => b.customId.startsWith('ans:'));
    const presses = [];
    for (let i = 0; i < members; i += 1) {
      const member = fake.member(`learner${i}`);
      const customId = answers[i % answers.length]?.customId ?? post.select!.customId;
      const values = post.select ? post.select.options.slice(0, post.select.min).map((o) => o.value) : undefined;
      presses.push(fake.press({ member, messageId: post.id, customId, ...(values ? { values } : {}) }));
      // The same member presses again: it lands on another process, which says it was already counted.
      if (i === 0) presses.push(fake.press({ member, messageId: post.id, customId, ...(values ? { values } : {}) }));
    }
    const replies = await Promise.all(presses.map((press) => press.reply()));
    for (const press of presses) {
      expect(press.record.httpStatus).toBe(200);
      expect(press.record.callbacks).toHaveLength(1);
    }
    expect(replies.filter((r) => r.text.includes('already answered'))).toHaveLength(1);
    // Every process took a share of the presses.
    expect(new Set(fake.http.answers.map((a) => a.url)).size).toBe(processes);

    const db = new Database(dbPath, { readonly: true });
    try {
      const row = db.prepare(`SELECT count(*) AS posts, sum(answer_count) AS counted FROM posts WHERE kind = 'daily'`).get() as { posts: number; counted: number };
      const answers = db.prepare(`SELECT count(*) AS n, count(DISTINCT member_id) AS members FROM answers`).get() as { n: number; members: number };
      expect(row).toEqual({ posts: 1, counted: members });
      expect(answers).toEqual({ n: members, members });
    } finally {
      db.close();
    }
    // Still one post, after every process has ticked many times over.
    expect(fake.channelMessages(guild.channels.quiz!)).toHaveLength(1);
    expect(fake.state.calls.filter((c) => c.method === 'POST' && c.path === `/channels/${guild.channels.quiz}/messages`)).toHaveLength(1);
  }, childTimeoutMs);

  it('each process answers GET /healthz and counts its own share in GET /metrics', async () => {
    let presses = 0;
    for (const url of urls) {
      const health = await fetch(`${url}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ status: 'ok', checks: { database: 'ok', discord: 'ok' } });
      const text = await (await fetch(`${url}/metrics`)).text();
      expect(text).toContain('process_resident_memory_bytes');
      presses += Number(/cloudstudy_presses_total\{action="answer"\} (\d+)/.exec(text)?.[1] ?? 0);
    }
    expect(presses).toBe(members + 1);
  });

  it('SIGTERM stops each process cleanly', async () => {
    for (const bot of bots) expect((await bot.kill('SIGTERM')).code).toBe(0);
  });
});
