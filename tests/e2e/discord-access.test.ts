import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OptionSpec } from '../../src/core/commands/spec.js';
import type { FakeGuildHandle, FakeMember } from '../fakes/fake-discord.js';
import { viewMessage, type MessageView } from '../fakes/fake-discord-view.js';
import type { ReplyView } from '../fakes/fake-discord-interaction.js';
import { ManualClock } from '../support/clock.js';
import { communitySnapshot, rowCounts } from '../support/community-snapshot.js';
import { startDiscordHarness, type DiscordHarness } from '../support/discord-harness.js';
import { createTestApp } from '../support/test-app.js';

/** Monday 16 November 2026, 12:00 UTC. */
const monday = Date.UTC(2026, 10, 16, 12, 0);
const at = (hh: number, mm: number): number => Date.UTC(2026, 10, 16, hh, mm);

/** Valid values for an option, so a refusal can only be about who is asking. */
function validValue(option: OptionSpec, channel: string): string {
  if (option.type === 'channel') return channel;
  if (option.choices?.[0]) return option.choices[0];
  return { time: '09:00', timezone: 'UTC', days: 'daily', close: '1h' }[option.name] ?? 'lambda';
}

/**
 * Two servers share the bot. Everything a member of the second one can send (buttons with
 * the first one's ids, commands naming its channels, the same user in both) is tried, and
 * the first server's rows must come out exactly as they went in.
 */
describe('Discord: one server cannot read or change another server’s data', () => {
  const clock = new ManualClock(monday);
  let h: DiscordHarness;
  let A: FakeGuildHandle;
  let B: FakeGuildHandle;
  let adminA: FakeMember;
  let alice: FakeMember;
  let mallory: FakeMember;
  let adminB: FakeMember;
  let openDaily: MessageView;
  let practice: ReplyView;
  const ids = { open: 0, closed: 0, practice: 0, community: 0 };

  const slash = (member: FakeMember, guild: FakeGuildHandle, name: string, sub?: string, options?: Record<string, string>) =>
    h.fake.slashCommand({ guild, member, name, ...(sub ? { sub } : {}), ...(options ? { options } : {}) }).reply();
  /** A press in server B carrying whatever id the attacker chose, on a message of server A. */
  const pressInB = (member: FakeMember, customId: string, values?: string[]) =>
    h.fake.press({ member, messageId: openDaily.id, customId, guild: B, ...(values ? { values } : {}) }).reply();
  const tick = async (ms: number): Promise<void> => {
    clock.set(ms);
    await h.app.daily.tick();
  };

  beforeAll(async () => {
    h = await startDiscordHarness({ app: createTestApp({ clock, random: () => 0 }) });
    h.app.daily.attach('discord', h.adapter);
    A = h.guild;
    B = h.otherGuild;
    adminA = h.fake.member('ada', { admin: true });
    alice = h.fake.member('alice');
    mallory = h.fake.member('mallory');
    adminB = h.fake.member('bea', { admin: true });

    // Server A: a daily quiz answered and closed (scores, streaks, review cards), a second one open, a practice question.
    expect((await slash(adminA, A, 'daily', 'set', { channel: A.channels.quiz!, time: '12:30', close: '1h' })).text).toContain('Daily quiz set');
    await tick(at(12, 30));
    const first = viewMessage(h.fake.channelMessages(A.channels.quiz!)[0]!);
    const pick = (view: MessageView | ReplyView) => (view.select ? { customId: view.select.customId, values: view.select.options.slice(0, view.select.min).map((o) => o.value) } : { customId: view.buttons[0]!.customId });
    await h.fake.press({ member: alice, messageId: first.id, ...pick(first) }).reply();
    await tick(at(13, 31));
    expect((await slash(adminA, A, 'daily', 'set', { channel: A.channels.general!, time: '14:00' })).text).toContain('Daily quiz set');
    await tick(at(14, 0));
    openDaily = viewMessage(h.fake.channelMessages(A.channels.general!)[0]!);
    practice = await slash(alice, A, 'quiz', undefined, { topic: 'lambda' });
    await h.fake.press({ member: alice, messageId: practice.id, ...pick(practice) }).reply();

    const rows = h.app.store.db.prepare(`SELECT id, kind, status FROM posts ORDER BY id`).all() as { id: number; kind: string; status: string }[];
    ids.closed = rows.find((r) => r.kind === 'daily' && r.status === 'closed')!.id;
    ids.open = rows.find((r) => r.kind === 'daily' && r.status === 'open')!.id;
    ids.practice = rows.find((r) => r.kind === 'practice')!.id;
    ids.community = h.app.store.communities.find({ platform: 'discord', externalId: A.id })!.id;
    // The setup really gave server A something to steal.
    const a = communitySnapshot(h.app.store.db, ids.community);
    expect(a.answers.length).toBe(2);
    expect(a.scores.length).toBeGreaterThan(0);
    expect(a.schedules.length).toBe(2);
  });
  afterAll(async () => {
    await h?.stop();
  });

  /** A way in, what the attacker is told, and (for refusals of a channel) whether the reply may name the channel they typed. */
  const waysIn: [string, () => Promise<ReplyView>, RegExp, 'echoes their channel'?][] = [
    ['the answer button of an open daily post', () => pressInB(mallory, `ans:${ids.open}:0`), /not available here/],
    ['the answer menu of an open daily post', () => pressInB(mallory, `ans:${ids.open}`, ['0', '1']), /not available here/],
    ['the answer of a closed daily post', () => pressInB(mallory, `ans:${ids.closed}:1`), /not available here/],
    ["the answer of someone's practice question", () => pressInB(mallory, `ans:${ids.practice}:0`), /not available here/],
    ['the same user, from the other server, on her own question', () => pressInB(alice, `ans:${ids.practice}:1`), /not available here/],
    ['"review it" on a daily post', () => pressInB(mallory, `rva:${ids.closed}`), /not available here/],
    ['"review it" on a practice question', () => pressInB(alice, `rva:${ids.practice}`), /not available here/],
    ['"next review item"', () => pressInB(alice, 'rvn'), /review queue is empty/],
    ['an explain button (harmless: the same card everywhere)', () => pressInB(mallory, 'exp:lambda'), /AWS Lambda/],
    ['a quiz button (a question of the presser’s own server)', () => pressInB(mallory, 'qz:lambda'), /Practice/],
    ['/daily set naming the other server’s channel', () => slash(adminB, B, 'daily', 'set', { channel: A.channels.quiz!, time: '09:00' }), /is not a channel of this server/, 'echoes their channel'],
    ['/daily pause naming it', () => slash(adminB, B, 'daily', 'pause', { channel: A.channels.quiz! }), /is not a channel of this server/, 'echoes their channel'],
    ['/daily resume naming it', () => slash(adminB, B, 'daily', 'resume', { channel: A.channels.quiz! }), /is not a channel of this server/, 'echoes their channel'],
    ['/daily remove naming it', () => slash(adminB, B, 'daily', 'remove', { channel: A.channels.general! }), /is not a channel of this server/, 'echoes their channel'],
    ['/daily remove, every channel', () => slash(adminB, B, 'daily', 'remove'), /No daily quiz is scheduled here/],
    ['/daily status', () => slash(adminB, B, 'daily', 'status'), /No daily quiz is scheduled yet/],
    ['/daily config', () => slash(adminB, B, 'daily', 'config', { timezone: 'Asia/Tokyo', reveal: 'count' }), /Saved/],
    ['/stats by the same user', () => slash(alice, B, 'stats'), /No answers yet/],
    ['/review by the same user', () => slash(alice, B, 'review'), /review queue is empty/],
    ['/leaderboard', () => slash(mallory, B, 'leaderboard', undefined, { period: 'all' }), /No daily quiz answers yet/],
  ];

  it.each(waysIn)('%s', async (_way, attempt, expected, echoes) => {
    const before = communitySnapshot(h.app.store.db, ids.community);
    const reply = await attempt();
    expect(reply.text).toMatch(expected);
    // Nothing of server A shows: not its members, and not its channels unless the attacker typed one.
    for (const leak of ['alice', 'ada', ...(echoes ? [] : [A.channels.quiz!, A.channels.general!])]) expect(reply.text).not.toContain(leak);
    expect(communitySnapshot(h.app.store.db, ids.community)).toEqual(before);
  });

  it('left server B with only its own rows: no schedule, and the quiz button’s question is B’s', () => {
    const b = h.app.store.communities.find({ platform: 'discord', externalId: B.id })!;
    const mine = communitySnapshot(h.app.store.db, b.id);
    expect(mine.schedules).toEqual([]);
    expect(mine.answers).toEqual([]);
    expect(mine.posts).toHaveLength(1);
    expect(h.app.store.communities.get(ids.community)).toMatchObject({ timeZone: 'UTC', revealNames: true });
  });
});

describe('Discord: every admin action is refused to members without Manage Server', () => {
  let h: DiscordHarness;
  beforeAll(async () => {
    h = await startDiscordHarness();
    // Something to protect: a schedule an admin set.
    const set = await h.fake.slashCommand({ guild: h.guild, member: h.fake.member('ada', { admin: true }), name: 'daily', sub: 'set', options: { channel: h.guild.channels.quiz!, time: '09:00' } }).reply();
    expect(set.text).toContain('Daily quiz set');
  });
  afterAll(async () => {
    await h?.stop();
  });

  /** Every admin command and subcommand in the command table, with valid options: a new one is covered without editing this test. */
  const adminActions = (channel: string) =>
    h.app.bot.specs
      .filter((spec) => spec.admin)
      .flatMap((spec) => (spec.subcommands ?? [{ name: undefined, options: spec.options }]).map((sub) => ({ spec, sub: sub.name, options: Object.fromEntries(sub.options.map((o) => [o.name, validValue(o, channel)])) })));

  it('refuses each, privately, and writes nothing; an admin is let through', async () => {
    const actions = adminActions(h.guild.channels.quiz!);
    expect(actions.map((a) => `${a.spec.name} ${a.sub ?? ''}`.trim())).toEqual(expect.arrayContaining(['daily set', 'daily pause', 'daily resume', 'daily remove', 'daily status', 'daily config']));
    const before = rowCounts(h.app.store.db);
    const community = h.app.store.communities.find({ platform: 'discord', externalId: h.guild.id })!;
    const snapshot = communitySnapshot(h.app.store.db, community.id);
    for (const action of actions) {
      const reply = await h.fake.slashCommand({ guild: h.guild, member: h.fake.member('mallory'), name: action.spec.name, ...(action.sub ? { sub: action.sub } : {}), options: action.options }).reply();
      expect(reply.ephemeral, `${action.spec.name} ${action.sub}`).toBe(true);
      expect(reply.text, `${action.spec.name} ${action.sub}`).toContain(`Only server or workspace admins can use /${action.spec.name}`);
    }
    expect(rowCounts(h.app.store.db)).toEqual(before);
    expect(communitySnapshot(h.app.store.db, community.id)).toEqual(snapshot);

    // The same table is not refused to an admin (of the other server, on its own channel), so the refusals above are about who asked.
    for (const action of adminActions(h.otherGuild.channels.general!)) {
      const reply = await h.fake.slashCommand({ guild: h.otherGuild, member: h.fake.member('bea', { admin: true }), name: action.spec.name, ...(action.sub ? { sub: action.sub } : {}), options: action.options }).reply();
      expect(reply.text, `${action.spec.name} ${action.sub}`).not.toContain('Only server or workspace admins');
    }
  });
});
