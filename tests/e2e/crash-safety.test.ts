import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { REST } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerCommands } from '../../src/adapters/discord/register-commands.js';
import { restOptions } from '../../src/adapters/discord/rest-options.js';
import { createApp } from '../../src/app.js';
import { createLogger } from '../../src/log.js';
import { FakeDiscord, type FakeGuildHandle, type FakeInteraction, type FakeMember } from '../fakes/fake-discord.js';
import { viewMessage, type MessageView } from '../fakes/fake-discord-view.js';
import { startBot, type BotProcess } from '../support/bot-process.js';

/** Child processes load discord.js and compile TypeScript: generous safety nets, not assertions. */
const childTimeoutMs = 120_000;
const burst = 300;
/** SIGKILL lands once this many presses have been answered: the rest are in flight or still queued. */
const killAfter = 60;

const verdict = /Right!|Not quite/;

/** What the member saw for an interaction: the original response (unless deferred and never filled in) and any follow-ups. */
function shownTexts(fake: FakeDiscord, press: FakeInteraction): string[] {
  const { original, followups } = press.record;
  const ids = [...(original && !original.deleted ? [original.messageId] : []), ...followups];
  return ids.flatMap((id) => {
    const stored = fake.message(id);
    return stored ? [viewMessage(stored.message).text] : [];
  });
}

const sawVerdict = (fake: FakeDiscord, press: FakeInteraction): boolean => shownTexts(fake, press).some((t) => verdict.test(t));

describe('crash safety: SIGKILL during a burst of answers, then restart; graceful SIGTERM and SIGINT', () => {
  let fake: FakeDiscord;
  let guild: FakeGuildHandle;
  let dir: string;
  let dbPath: string;
  let bot: BotProcess | undefined;
  let post: MessageView;
  const presses: { member: FakeMember; press: FakeInteraction }[] = [];

  const env = (logLevel = 'warn'): Record<string, string> => ({ DISCORD_TOKEN: fake.token, DISCORD_API_URL: fake.apiUrl, DATABASE_PATH: dbPath, LOG_LEVEL: logLevel });
  const choose = (view: MessageView, index: number): { customId: string; values?: string[] } => {
    // The answer buttons only: "Report this question" opens a modal, not an answer.
    const answers = view.buttons.filter((b) => b.customId.startsWith('ans:'));
    if (!view.select) return { customId: answers[index % answers.length]!.customId };
    // A choose-N question comes as a menu: pick `min` options, varied by member.
    const values = view.select.options.map((o) => o.value);
    const picked = Array.from({ length: view.select.min }, (_, k) => values[(index + k) % values.length]!);
    return { customId: view.select.customId, values: picked };
  };
  /** A new bot process on the same file, once it has logged in (the dead one's session may still look open). */
  const restart = async (): Promise<BotProcess> => {
    const before = fake.state.identifies.length;
    const started = startBot(env('info'));
    bot = started;
    await fake.waitFor(() => fake.state.identifies.length > before || undefined, 'the restarted bot to identify', childTimeoutMs);
    return started;
  };
  const read = <T>(work: (db: Database.Database) => T): T => {
    const db = new Database(dbPath, { readonly: true });
    try {
      return work(db);
    } finally {
      db.close();
    }
  };

  beforeAll(async () => {
    fake = await FakeDiscord.start();
    guild = fake.addGuild('Crash Course', ['general', 'quiz']);
    dir = mkdtempSync(join(tmpdir(), 'cloudstudy-crash-'));
    dbPath = join(dir, 'bot.db');
    // A daily quiz in #quiz whose window opened an hour ago: the bot posts it as soon as it starts.
    const seed = createApp({ databasePath: dbPath, log: createLogger('silent') });
    const now = Date.now();
    const opened = new Date(now - 60 * 60_000);
    const localTime = `${String(opened.getUTCHours()).padStart(2, '0')}:${String(opened.getUTCMinutes()).padStart(2, '0')}`;
    seed.store.write(() => {
      const community = seed.store.communities.ensure({ platform: 'discord', externalId: guild.id, name: guild.name }, now);
      seed.store.schedules.set({ communityId: community.id, channelId: guild.channels.quiz!, channelName: 'quiz', localTime, timeZone: 'UTC', days: [1, 2, 3, 4, 5, 6, 7], closeAfterMinutes: null }, now - 2 * 60 * 60_000);
    });
    await registerCommands({ rest: new REST(restOptions(fake.apiUrl)).setToken(fake.token), specs: seed.bot.specs, guildId: guild.id });
    seed.close();
  });
  afterAll(async () => {
    await bot?.kill('SIGKILL');
    await fake?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('every answer acknowledged before the SIGKILL is stored once, and the daily post stays consistent', async () => {
    bot = startBot(env());
    const message = await fake.waitFor(() => fake.channelMessages(guild.channels.quiz!)[0], 'the daily post', childTimeoutMs);
    post = viewMessage(message);

    for (let i = 0; i < burst; i += 1) {
      const member = fake.member(`learner${i}`);
      presses.push({ member, press: fake.press({ member, messageId: post.id, ...choose(post, i) }) });
    }
    await fake.waitFor(() => presses.filter((p) => p.press.record.callbacks.length > 0).length >= killAfter || undefined, `${killAfter} answered presses`, childTimeoutMs);
    const killed = await bot.kill('SIGKILL');
    expect(killed.signal).toBe('SIGKILL');

    const acknowledged = presses.filter((p) => sawVerdict(fake, p.press));
    expect(acknowledged.length).toBeGreaterThanOrEqual(1);

    // Restart on the same file (SQLite recovers the WAL the dead process left).
    await restart();
    const lost = presses.filter((p) => !sawVerdict(fake, p.press));
    const again = await fake.press({ member: acknowledged[0]!.member, messageId: post.id, ...choose(post, 1) }).reply();
    expect(again.text).toContain('already answered');
    // A press that never heard back is answered now, or was stored before the kill and says so: never counted twice.
    if (lost[0]) expect((await fake.press({ member: lost[0].member, messageId: post.id, ...choose(post, 0) }).reply()).text).toMatch(/Right!|Not quite|already answered/);

    const state = read((db) => ({
      integrity: db.pragma('integrity_check', { simple: true }),
      posts: db.prepare(`SELECT id, status, message_ref, answer_count, correct_count FROM posts WHERE kind = 'daily'`).all() as { id: number; status: string; message_ref: string; answer_count: number; correct_count: number }[],
      answered: new Set(db.prepare('SELECT m.external_id FROM answers a JOIN members m ON m.id = a.member_id').pluck().all() as string[]),
      answers: db.prepare('SELECT count(*) AS n, coalesce(sum(correct), 0) AS right FROM answers').get() as { n: number; right: number },
      duplicates: db.prepare('SELECT count(*) FROM (SELECT 1 FROM answers GROUP BY post_id, member_id HAVING count(*) > 1)').pluck().get(),
    }));
    expect(state.integrity).toBe('ok');
    for (const { member } of acknowledged) expect(state.answered.has(member.user.id)).toBe(true);
    expect(state.duplicates).toBe(0);
    // The post's counts agree with the answers themselves (scores follow from them at the close).
    expect(state.posts).toHaveLength(1);
    expect(state.posts[0]).toMatchObject({ status: 'open', message_ref: post.id, answer_count: state.answers.n, correct_count: state.answers.right });
    expect(state.answers.n).toBeGreaterThanOrEqual(acknowledged.length);
    // Posted once: the restart adopted the open post instead of posting again.
    expect(fake.channelMessages(guild.channels.quiz!)).toHaveLength(1);
  }, childTimeoutMs * 2);

  it('SIGTERM takes no new work, finishes the reply in flight, closes the database and exits 0', async () => {
    const running = bot!;
    // The next interaction response is held at "Discord": the bot is mid-reply when the signal comes.
    const held = fake.hold({ method: 'POST', path: /^\/interactions\/\d+\/[^/]+\/callback$/ });
    const latecomer = fake.member('latecomer');
    const first = fake.press({ member: fake.member('in-flight'), messageId: post.id, ...choose(post, 2) });
    await held.reached;
    running.child.kill('SIGTERM');
    await running.logged(/"msg":"shutting down"/);
    // New work is refused while the held reply keeps the bot up.
    const refused = await fake.press({ member: latecomer, messageId: post.id, ...choose(post, 3) }).reply();
    expect(refused.ephemeral).toBe(true);
    expect(refused.text).toContain('restarting');
    held.release();
    expect((await first.reply()).text).toMatch(verdict);
    const exit = await running.exited;
    expect(exit.code).toBe(0);
    expect(exit.stderr).not.toMatch(/"level":(50|60)/);

    // Closed, not just stopped: the last connection's close checkpoints and removes the WAL.
    expect(existsSync(`${dbPath}-wal`)).toBe(false);
    const stored = read((db) => ({
      integrity: db.pragma('integrity_check', { simple: true }),
      latecomer: db.prepare('SELECT count(*) FROM members WHERE external_id = ?').pluck().get(latecomer.user.id),
      first: db.prepare('SELECT count(*) FROM answers a JOIN members m ON m.id = a.member_id WHERE m.display_name = ?').pluck().get('in-flight'),
    }));
    expect(stored).toEqual({ integrity: 'ok', latecomer: 0, first: 1 });
  }, childTimeoutMs);

  it('SIGINT shuts down the same way', async () => {
    const running = await restart();
    const reply = await fake.press({ member: fake.member('last'), messageId: post.id, ...choose(post, 0) }).reply();
    expect(reply.text).toMatch(verdict);
    const exit = await running.kill('SIGINT');
    expect(exit.code).toBe(0);
    expect(existsSync(`${dbPath}-wal`)).toBe(false);
    expect(read((db) => db.pragma('integrity_check', { simple: true }))).toBe('ok');
  }, childTimeoutMs);
});
