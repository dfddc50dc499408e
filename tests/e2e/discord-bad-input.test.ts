import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bot } from '../../src/core/bot.js';
import { DeliveryError } from '../../src/adapters/discord/discord-errors.js';
import type { Json } from '../fakes/fake-discord.js';
import { startDiscordHarness, type DiscordHarness } from '../support/discord-harness.js';
import { captureLogs } from '../support/log-capture.js';
import { createTestApp } from '../support/test-app.js';

/** The core behind a gate the test opens: "slow work" without any clock or sleep. */
function gated(inner: Bot): { bot: Bot; hold(): void; release(): void; breakNext(): void } {
  let gate: Promise<void> | undefined;
  let open = (): void => {};
  let broken = false;
  return {
    bot: {
      specs: inner.specs,
      async handle(caller, input) {
        if (gate) await gate;
        // A failure the core's own catch would never let out: the adapter's last line of defence.
        if (broken) {
          broken = false;
          throw new Error('the core broke its promise never to throw');
        }
        return inner.handle(caller, input);
      },
    },
    breakNext() {
      broken = true;
    },
    hold() {
      gate = new Promise((resolve) => (open = resolve));
    },
    release() {
      open();
      gate = undefined;
    },
  };
}

const ephemeralFlag = 64;
const brokeOnPurpose = (line: Json): boolean => String(line.msg).includes('interaction failed') && JSON.stringify(line.err).includes('broke its promise');
const flagsOf = (response: Json): number => Number((response.data as Json | undefined)?.flags ?? 0);

describe('Discord: bad input, slow work and failing Discord calls', () => {
  const logs = captureLogs();
  let h: DiscordHarness;
  let gate: ReturnType<typeof gated>;

  beforeAll(async () => {
    h = await startDiscordHarness({
      // random() = 0: a fresh member's /quiz on api-gateway asks its first item, a one-answer question.
      app: createTestApp({ random: () => 0 }),
      log: logs.log,
      bot: (bot) => (gate = gated(bot)).bot,
      // Short so the deferral and hang cases run quickly; the gate, not the timer, decides what is slow.
      adapter: { deferAfterMs: 20, rest: { timeoutMs: 1000, retries: 1 } },
    });
  });
  afterAll(async () => {
    await h?.stop();
  });

  const member = (name: string) => h.fake.member(name);
  const quiz = (who = member('q')) => h.fake.slashCommand({ guild: h.guild, member: who, name: 'quiz', options: { topic: 'api-gateway' } });

  it('a button the bot does not recognise gets a clear private answer', async () => {
    const question = await quiz().reply();
    const reply = await h.fake.press({ member: member('x'), messageId: question.id, customId: 'zz:nonsense' }).reply();
    expect(reply.ephemeral).toBe(true);
    expect(reply.text).toContain('not one I recognise');
    const badMenu = await h.fake.press({ member: member('x'), messageId: question.id, customId: 'ans:1', values: ['a', 'b'] }).reply();
    expect(badMenu.text).toContain('not one I recognise');
  });

  it('crafted payloads (no member permissions, values outside the choices, wrong types, unknown actions) get a clear reply and write nothing', async () => {
    const changes = (): number => h.app.store.db.prepare('SELECT total_changes()').pluck().get() as number;
    const before = changes();
    const admin = h.fake.member('crafty', { admin: true });
    const slash = (name: string, craft: (p: Json) => void, sub?: string) => h.fake.slashCommand({ guild: h.guild, member: admin, name, ...(sub ? { sub } : {}), craft }).reply();
    const setOptions = (options: Json[]) => (p: Json) => ((p.data as Json).options = options);
    const noPermissions = (p: Json) => delete (p.member as Json).permissions;
    expect((await slash('leaderboard', noPermissions)).text).toMatch(/^Leaderboard · this week/);
    expect((await slash('daily', noPermissions, 'status')).text).toMatch(/Only server or workspace admins/);
    for (const value of ['year', 7, true]) {
      const reply = await slash('leaderboard', setOptions([{ name: 'period', type: typeof value === 'string' ? 3 : typeof value === 'number' ? 4 : 5, value }]));
      expect(reply.text).toMatch(new RegExp(`period must be one of: week, month, all \\(not "${value}"\\)`));
      expect(reply.text).not.toMatch(/undefined/);
    }
    expect((await slash('daily', setOptions([{ name: 'config', type: 1, options: [{ name: 'reveal', type: 3, value: 'everyone' }] }]))).text).toMatch(/reveal must be one of: names, count/);
    expect((await slash('daily', setOptions([{ name: 'nuke', type: 1, options: [] }]))).text).toMatch(/\/daily has no "nuke" action; use one of: set, pause/);
    expect((await slash('daily', setOptions([]))).text).toMatch(/\/daily needs an action/);
    const longTime = [{ name: 'channel', type: 7, value: h.guild.channels.quiz }, { name: 'time', type: 3, value: '0'.repeat(500) }];
    expect((await slash('daily', setOptions([{ name: 'set', type: 1, options: longTime }]))).text).toMatch(/time is too long \(at most 20 characters\)/);
    expect((await slash('explain', setOptions([]))).text).toMatch(/Missing topic/);
    const calls = h.fake.state.calls.length;
    const traversal = [{ name: 'channel', type: 7, value: '../../users/@me' }, { name: 'time', type: 3, value: '09:00' }];
    const refused = await slash('daily', setOptions([{ name: 'set', type: 1, options: traversal }]));
    expect(h.fake.state.calls.slice(calls).filter((c) => !c.path.startsWith('/interactions/')).map((c) => c.path)).toEqual([]);
    expect(refused.text).toMatch(/^That is not a channel of this server/);
    const unfocused = h.fake.autocomplete({ guild: h.guild, member: admin, name: 'explain', options: { topic: 'lam' }, focused: 'none', craft: (p) => delete ((p.data as Json).options as Json[])[0]!.focused });
    expect(await unfocused.choices()).toEqual([]);
    expect(changes()).toBe(before);
  });

  it('an interaction that fails unexpectedly still gets an apology, answered directly or in place of "thinking…"', async () => {
    gate.breakNext();
    const direct = await h.fake.slashCommand({ guild: h.guild, member: member('oops'), name: 'stats' }).reply();
    expect(direct).toMatchObject({ ephemeral: true, deferred: false });
    expect(direct.text).toMatch(/^Sorry, something went wrong on my side/);
    gate.hold();
    gate.breakNext();
    const late = h.fake.slashCommand({ guild: h.guild, member: member('oops'), name: 'stats' });
    expect((await late.response()).type).toBe(5);
    gate.release();
    expect((await late.reply()).text).toMatch(/^Sorry, something went wrong on my side/);
    expect(logs.at('error').filter(brokeOnPurpose)).toHaveLength(2);
  });

  it('a button id from another server answers nothing there', async () => {
    const alice = member('alice');
    const question = await quiz(alice).reply();
    const customId = question.buttons[0]!.customId;
    const reply = await h.fake.press({ member: alice, messageId: question.id, customId, guild: h.otherGuild }).reply();
    expect(reply.ephemeral).toBe(true);
    expect(reply.text).toContain('not available here');
    expect(h.app.store.db.prepare('SELECT COUNT(*) AS n FROM answers').get()).toEqual({ n: 0 });
  });

  it('an expired interaction is a logged warning; the answer is recorded once and a retry says so', async () => {
    const bob = member('bob');
    const question = await quiz(bob).reply();
    const press = h.fake.press({ member: bob, messageId: question.id, customId: question.buttons[0]!.customId });
    h.fake.expire(press);
    const warning = await logs.find((l) => l.interaction === press.id, 'the expiry warning');
    expect(warning).toMatchObject({ level: 40, code: 10062 });
    expect(press.record.callbacks).toEqual([]);

    const retry = await h.fake.press({ member: bob, messageId: question.id, customId: question.buttons[1]!.customId }).reply();
    expect(retry.text).toContain('already answered');
    expect(h.app.store.db.prepare('SELECT COUNT(*) AS n FROM answers').get()).toEqual({ n: 1 });
  });

  it('the same interaction delivered twice is answered once', async () => {
    const carol = member('carol');
    const question = await quiz(carol).reply();
    const press = h.fake.press({ member: carol, messageId: question.id, customId: question.buttons[0]!.customId });
    h.fake.redeliver(press);
    await press.reply();
    // A command after the replay: the replay has been read off the gateway by the time this is answered.
    await h.fake.slashCommand({ guild: h.guild, member: carol, name: 'stats' }).reply();
    expect(h.app.store.db.prepare('SELECT COUNT(*) AS n FROM answers a JOIN members m ON m.id = a.member_id WHERE m.external_id = ?').get(carol.user.id)).toEqual({ n: 1 });
    expect(press.record.callbacks).toHaveLength(1);
    expect(press.record.refused).toHaveLength(0);
  });

  it('slow work is deferred within the window, privately for private commands, then filled in', async () => {
    gate.hold();
    const ix = quiz();
    const response = await ix.response();
    expect(response.type).toBe(5);
    expect(flagsOf(response) & ephemeralFlag).toBe(ephemeralFlag);
    gate.release();
    const reply = await ix.reply();
    expect(reply).toMatchObject({ deferred: true, ephemeral: true });
    expect(reply.buttons.length + (reply.select ? 1 : 0)).toBeGreaterThan(0);
  });

  it('a public command deferred in public keeps a private answer private', async () => {
    gate.hold();
    const card = h.fake.slashCommand({ guild: h.guild, member: member('d'), name: 'explain', options: { topic: 'lambda' } });
    const notCovered = h.fake.slashCommand({ guild: h.guild, member: member('e'), name: 'explain', options: { topic: 'dynamodb streams' } });
    expect(flagsOf(await card.response()) & ephemeralFlag).toBe(0);
    expect(flagsOf(await notCovered.response()) & ephemeralFlag).toBe(0);
    gate.release();
    expect(await card.reply()).toMatchObject({ deferred: true, ephemeral: false });
    const hidden = await notCovered.reply();
    expect(hidden).toMatchObject({ deferred: true, ephemeral: true });
    expect(hidden.text).toContain('is not covered here');
    expect(notCovered.record.original?.deleted).toBe(true);
  });

  it('a deferred press whose token expired before the edit is a logged warning', async () => {
    const dan = member('dan');
    const question = await quiz(dan).reply();
    gate.hold();
    const press = h.fake.press({ member: dan, messageId: question.id, customId: question.buttons[0]!.customId });
    expect((await press.response()).type).toBe(5);
    h.fake.expire(press);
    gate.release();
    const warning = await logs.find((l) => l.interaction === press.id, 'the edit warning');
    expect(warning).toMatchObject({ level: 40, code: 10015 });
  });

  it('a 429 storm surfaces at once as a retriable error carrying retryAfterMs', async () => {
    const channel = h.guild.channels.quiz!;
    const rule = h.fake.fail({ method: 'POST', path: /^\/channels\/\d+\/messages$/, status: 429, retryAfter: 7.5, times: Number.POSITIVE_INFINITY });
    const before = h.fake.state.calls.length;
    const error = await h.adapter.post(channel, { visibility: 'public', text: 'hi', blocks: [{ type: 'markdown', text: 'hi' }] }).catch((e: unknown) => e);
    h.fake.clearFailures();
    expect(error).toBeInstanceOf(DeliveryError);
    expect(error).toMatchObject({ retriable: true, permanent: false, status: 429 });
    expect((error as DeliveryError).retryAfterMs).toBeGreaterThanOrEqual(7000);
    expect(h.fake.state.calls.length - before).toBe(1);
    expect(rule.times).toBe(Number.POSITIVE_INFINITY);
  });

  it('a Discord 5xx is retried a bounded number of times, then surfaces as retriable', async () => {
    h.fake.fail({ method: 'PATCH', path: /^\/channels\//, status: 502, times: Number.POSITIVE_INFINITY });
    const before = h.fake.state.calls.length;
    const error = await h.adapter.edit(h.guild.channels.quiz!, '123456789', { visibility: 'public', text: 'x', blocks: [] }).catch((e: unknown) => e);
    h.fake.clearFailures();
    expect(error).toMatchObject({ name: 'DeliveryError', retriable: true, status: 502 });
    expect(h.fake.state.calls.length - before).toBe(2);
  });

  it('a request Discord never answers times out as a retriable error instead of hanging', async () => {
    h.fake.fail({ method: 'POST', path: /^\/channels\//, status: 'hang', times: 2 });
    const error = await h.adapter.post(h.guild.channels.quiz!, { visibility: 'public', text: 'x', blocks: [{ type: 'markdown', text: 'x' }] }).catch((e: unknown) => e);
    h.fake.clearFailures();
    expect(error).toMatchObject({ name: 'DeliveryError', retriable: true, permanent: false });
  });

  it('finds an earlier post by its answer action, so a retry does not post twice', async () => {
    const channel = h.guild.channels.quiz!;
    const reply = { visibility: 'public' as const, text: 'Q', blocks: [{ type: 'choices' as const, action: 'ans:999', pick: 1, choices: [{ key: 'A', text: 'one' }, { key: 'B', text: 'two' }] }] };
    const ref = await h.adapter.post(channel, reply);
    await h.adapter.post(channel, { visibility: 'public', text: 'later', blocks: [{ type: 'markdown', text: 'later' }] });
    expect(await h.adapter.findPost(channel, 'ans:999')).toBe(ref);
    expect(await h.adapter.findPost(channel, 'ans:99')).toBeUndefined();
  });

  it('a rich reply Discord refuses goes out as plain text with its buttons', async () => {
    h.fake.fail({ method: 'POST', path: /^\/interactions\/\d+\/[^/]+\/callback$/, status: 400, code: 50035, message: 'Invalid Form Body' });
    const reply = await h.fake.slashCommand({ guild: h.guild, member: member('fay'), name: 'explain', options: { topic: 'ecs' } }).reply();
    expect(reply.embeds).toEqual([]);
    expect(reply.content).toContain('Amazon ECS');
    expect(reply.buttons[0]?.label).toBe('Quiz me on this');

    h.fake.fail({ method: 'POST', path: /^\/channels\/\d+\/messages$/, status: 400, code: 50035, message: 'Invalid Form Body' });
    const ref = await h.adapter.post(h.guild.channels.quiz!, { visibility: 'public', text: 'Plain **please**', blocks: [{ type: 'heading', text: 'Rich' }, { type: 'buttons', buttons: [{ id: 'rvn', label: 'Next' }] }] });
    expect(h.fake.message(ref)?.message).toMatchObject({ content: 'Plain **please**', embeds: [] });
    expect(logs.at('warn').filter((l) => String(l.msg).includes('plain text'))).toHaveLength(2);
  });

  it('never crashed and never answered an interaction twice', () => {
    for (const record of h.fake.state.interactions.values()) expect(record.refused).toEqual([]);
    expect(logs.at('error').filter((l) => String(l.msg).includes('interaction failed') && !brokeOnPurpose(l))).toEqual([]);
    expect(h.fake.state.unknownRoutes).toEqual([]);
    expect(h.fake.state.invalidBodies).toEqual([]);
    // Interaction tokens let anyone answer as the bot for 15 minutes: they never reach the log.
    expect(logs.lines.length).toBeGreaterThan(0);
    expect(JSON.stringify(logs.lines)).not.toContain('itoken-');
  });
});
