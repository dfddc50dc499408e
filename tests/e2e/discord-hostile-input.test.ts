import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandSpec, OptionSpec } from '../../src/core/commands/spec.js';
import type { ReplyView } from '../fakes/fake-discord-interaction.js';
import { startDiscordHarness, type DiscordHarness } from '../support/discord-harness.js';
import { captureLogs } from '../support/log-capture.js';
import { createTestApp } from '../support/test-app.js';

/** Enough to meet each kind of bad input several times while keeping the suite quick. */
const runs = 60;

/** Text no sane member would send: oversized, binary, control and direction characters, injections, mentions; and a few valid values, so the paths that do write are met too. */
const hostileText = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 80 }),
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.string({ minLength: 2000, maxLength: 6000 }),
  fc.constantFrom(
    "'; DROP TABLE answers; --",
    '@everyone',
    '<@&123456789012345678>',
    '<#123456789012345678>',
    '**bold** `code` ||spoiler||',
    '\u0000\u0007\u001b[2J',
    '\u202Eevil',
    '../../etc/passwd',
    '${process.exit(1)}',
    '{{7*7}}',
    '%s%n%x',
    ' ',
    '09:00',
    'UTC',
    'weekdays',
    '90m',
    'names',
    'lambda',
    'Europe/London',
  ),
);

/** What a reply that legitimately wrote looks like: a question (or a practice exam's), or a confirmed /daily change. */
const wroteOnPurpose = (reply: ReplyView): boolean =>
  reply.buttons.some((b) => /^(ans|xa):/.test(b.customId)) || /^(ans|xa):/.test(reply.select?.customId ?? '') || /Daily quiz set for|^Saved:|^(Paused|Resumed|Removed) the daily quiz/m.test(reply.text);

describe('Discord: hostile command options and button ids through discord.js never crash and never write', () => {
  const logs = captureLogs();
  let h: DiscordHarness;
  let messageId: string;
  const postIds: number[] = [];
  const examIds: number[] = [];

  /** Rows changed on the bot's connection since it opened: "nothing was written" is this number standing still. */
  const changes = (): number => h.app.store.db.prepare('SELECT total_changes()').pluck().get() as number;

  beforeAll(async () => {
    h = await startDiscordHarness({ app: createTestApp({ random: () => 0 }), log: logs.log });
    // Real posts for forged ids to point at: someone's practice question here, and one in the other server.
    for (const guild of [h.guild, h.otherGuild]) {
      const question = await h.fake.slashCommand({ guild, member: h.fake.member('owner'), name: 'quiz', options: { topic: 'lambda' } }).reply();
      messageId = question.id;
    }
    postIds.push(...(h.app.store.db.prepare('SELECT id FROM posts').pluck().all() as number[]));
    // And someone's practice exam, for forged exam ids.
    await h.fake.slashCommand({ guild: h.guild, member: h.fake.member('examinee'), name: 'exam', options: {} }).reply();
    examIds.push(...(h.app.store.db.prepare('SELECT id FROM exams').pluck().all() as number[]));
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('slash commands with any option values: a reply arrives; a refusal writes nothing', async () => {
    const invocations = h.app.bot.specs.flatMap((spec: CommandSpec) =>
      (spec.subcommands ?? [{ name: undefined, options: spec.options }]).map((sub) => ({ name: spec.name, sub: sub.name, options: sub.options as readonly OptionSpec[] })),
    );
    const channels = [h.guild.channels.quiz!, h.guild.channels.general!, h.otherGuild.channels.general!];
    const invocation = fc.constantFrom(...invocations).chain((command) =>
      fc.record({
        command: fc.constant(command),
        values: fc.tuple(...command.options.map((o) => fc.option(o.type === 'channel' ? fc.constantFrom(...channels) : hostileText, { nil: undefined }))),
        admin: fc.boolean(),
      }),
    );
    let n = 0;
    await fc.assert(
      fc.asyncProperty(invocation, async ({ command, values, admin }) => {
        const options = Object.fromEntries(command.options.flatMap((o, i) => (values[i] === undefined ? [] : [[o.name, values[i]]])));
        const before = changes();
        n += 1;
        const member = h.fake.member(`prop${n}`, { admin });
        const reply = await h.fake.slashCommand({ guild: h.guild, member, name: command.name, ...(command.sub ? { sub: command.sub } : {}), options }).reply();
        expect(reply.text.length).toBeGreaterThan(0);
        if (changes() !== before) expect(wroteOnPurpose(reply), `${command.name} ${command.sub ?? ''} ${JSON.stringify(options).slice(0, 300)} wrote: ${reply.text.slice(0, 200)}`).toBe(true);
      }),
      { numRuns: runs },
    );
  });

  it('button presses and menu choices with any custom id and values: a private reply arrives; a forged id writes nothing', async () => {
    const customId = fc.oneof(
      fc.string({ maxLength: 120 }),
      fc.string({ unit: 'binary', maxLength: 100 }),
      fc
        .tuple(fc.constantFrom('ans', 'exp', 'qz', 'rva', 'rvn', 'pick', 'submit', 'xa', 'xg', 'xf', 'xr', 'xs', 'xc'), fc.array(fc.oneof(fc.string({ maxLength: 12 }), fc.integer({ min: -5, max: 2 ** 53 }).map(String)), { maxLength: 4 }))
        .map(([kind, parts]) => [kind, ...parts].join(':')),
      fc.tuple(fc.constantFrom(...postIds), fc.array(fc.integer({ min: -1, max: 12 }), { maxLength: 6 })).map(([post, choices]) => `ans:${post}:${choices.join('+')}`),
      fc.constantFrom(...postIds).map((post) => `rva:${post}`),
      fc
        .tuple(fc.constantFrom('xa', 'xg', 'xf', 'xr', 'xs', 'xc'), fc.constantFrom(...examIds), fc.array(fc.integer({ min: -1, max: 100 }), { maxLength: 2 }))
        .map(([kind, exam, rest]) => [kind, exam, ...rest].join(':')),
    );
    const values = fc.option(fc.array(fc.oneof(fc.string({ maxLength: 5 }), fc.integer({ min: -3, max: 120 }).map(String)), { maxLength: 6 }), { nil: undefined });
    let n = 0;
    await fc.assert(
      fc.asyncProperty(customId, values, async (id, chosen) => {
        const before = changes();
        n += 1;
        const reply = await h.fake.press({ member: h.fake.member(`presser${n}`), messageId, customId: id, ...(chosen ? { values: chosen } : {}) }).reply();
        expect(reply.ephemeral).toBe(true);
        expect(reply.text.length).toBeGreaterThan(0);
        // Only "quiz me on <a real topic>" starts something for a stranger: their own practice question.
        const topic = chosen === undefined ? /^qz:([a-z0-9-]{1,60})$/.exec(id)?.[1] : undefined;
        if (!(topic && h.app.library.topic(topic))) expect(changes(), `${id} ${JSON.stringify(chosen)}`).toBe(before);
      }),
      { numRuns: runs },
    );
  });

  it('autocomplete with anything typed answers with at most 25 choices', async () => {
    await fc.assert(
      fc.asyncProperty(hostileText, async (typed) => {
        const choices = await h.fake.autocomplete({ guild: h.guild, member: h.fake.member('typist'), name: 'explain', options: { topic: typed }, focused: 'topic' }).choices();
        expect(choices.length).toBeLessThanOrEqual(25);
      }),
      { numRuns: runs / 2 },
    );
  });

  it('nothing crashed, every interaction was answered once, and Discord refused no body', () => {
    for (const record of h.fake.state.interactions.values()) {
      expect(record.callbacks.length, `interaction ${record.id}`).toBe(1);
      expect(record.refused).toEqual([]);
    }
    expect(logs.at('error')).toEqual([]);
    expect(h.fake.state.invalidBodies).toEqual([]);
    expect(h.fake.state.unknownRoutes).toEqual([]);
  });
});
