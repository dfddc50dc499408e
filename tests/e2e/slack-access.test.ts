import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OptionSpec } from '../../src/core/commands/spec.js';
import { appHomeOpened, blockActions, slashCommand, type Press, type Who } from '../fakes/slack-payloads.js';
import { answerPress, otherTeam, questionIn, shownText, startSlack, team, type SlackHarness } from '../fakes/slack-harness.js';
import { communitySnapshot, rowCounts } from '../support/community-snapshot.js';

const monday1300 = Date.UTC(2026, 10, 16, 13, 0);
const tuesday1230 = Date.UTC(2026, 10, 17, 12, 30);
const tuesday1300 = Date.UTC(2026, 10, 17, 13, 0);

/** Typed the way an admin would, so a refusal can only be about who is asking. */
function validText(option: OptionSpec): string {
  if (option.type === 'channel') return '<#CSTUDY|study>';
  if (option.choices?.[0]) return option.choices[0];
  return { time: '09:00', timezone: 'UTC', days: 'daily', close: '1h' }[option.name] ?? 'lambda';
}

/**
 * Two workspaces reach the same bot (as in an org-wide install). Everything a member of the
 * second can send is tried, and the first one's rows must come out exactly as they went in.
 */
describe('Slack: one workspace cannot read or change another workspace’s data', () => {
  let h: SlackHarness;
  const ids = { open: 0, closed: 0, practice: 0, community: 0 };
  const stranger: Who = { teamId: otherTeam.id, teamDomain: otherTeam.domain, userId: 'USTRANGER', userName: 'sam' };
  const otherAdmin: Who = { teamId: otherTeam.id, teamDomain: otherTeam.domain, userId: 'UOTHERADMIN', userName: 'otto' };
  /** The same person in both workspaces (one Slack user id, as in Enterprise Grid). */
  const aliceThere: Who = { teamId: otherTeam.id, teamDomain: otherTeam.domain, userId: 'UALICE', userName: 'alice' };

  /** A press from the other workspace carrying whatever action the attacker chose. */
  const pressAs = async (who: Who, press: Press): Promise<Record<string, unknown>> => {
    const url = h.fake.responseUrl();
    await h.driver.interactive(blockActions(who, press, url));
    const id = url.split('/').pop();
    return (await h.fake.waitForResponse((r) => r.id === id)).body;
  };
  const commandAs = async (who: Who, name: string, text = ''): Promise<Record<string, unknown>> => {
    const { body } = await h.driver.command(slashCommand(who, `/${name}`, text, h.fake.responseUrl()));
    if (!body) throw new Error(`/${name} ${text}: no reply in the ack`);
    return body;
  };

  beforeAll(async () => {
    h = await startSlack('socket', { random: () => 0 });
    h.fake.addUser({ id: 'UOTHERADMIN', teamId: otherTeam.id, name: 'otto', displayName: 'Otto', isAdmin: true });
    // Workspace Acme: a daily quiz answered and closed (scores, streaks), another one open, a practice question answered wrong (a review card).
    await h.command('admin', 'daily', 'set <#CSTUDY|study> 13:00');
    h.clock.set(monday1300);
    await h.app.daily.tick();
    const first = [...h.fake.messages.values()][0]!;
    const q1 = questionIn(h, { blocks: first.blocks });
    await h.press('alice', answerPress(q1, q1.right, { messageTs: first.ts }), 'CSTUDY');
    h.clock.set(tuesday1230);
    await h.app.daily.tick();
    h.clock.set(tuesday1300);
    await h.app.daily.tick();
    const practice = await h.command('alice', 'quiz', 'ecs');
    const q2 = questionIn(h, practice.delivery.body);
    await h.press('alice', answerPress(q2, q2.wrong.slice(0, q2.pick)));

    const rows = h.app.store.db.prepare('SELECT id, kind, status FROM posts ORDER BY id').all() as { id: number; kind: string; status: string }[];
    ids.closed = rows.find((r) => r.kind === 'daily' && r.status === 'closed')!.id;
    ids.open = rows.find((r) => r.kind === 'daily' && r.status === 'open')!.id;
    ids.practice = rows.find((r) => r.kind === 'practice')!.id;
    ids.community = h.app.store.communities.find({ platform: 'slack', externalId: team.id })!.id;
    const acme = communitySnapshot(h.app.store.db, ids.community);
    expect(acme.answers).toHaveLength(2);
    expect(acme.scores.length).toBeGreaterThan(0);
    expect(acme.review_cards.length).toBeGreaterThan(0);
  });
  afterAll(async () => {
    await h?.dispose();
  });

  const waysIn: [string, () => Promise<Record<string, unknown>>, RegExp, 'echoes their channel'?][] = [
    ['the answer button of an open daily post', () => pressAs(stranger, { actionId: `ans:${ids.open}:0` }), /not available here/],
    [
      'a choose-two submit for it',
      () => pressAs(stranger, { actionId: `submit|ans:${ids.open}`, blockId: `choices|ans:${ids.open}`, ticked: { blockId: `choices|ans:${ids.open}`, actionId: `pick|ans:${ids.open}`, values: ['0', '1'] } }),
      /not available here/,
    ],
    ['the answer of a closed daily post', () => pressAs(stranger, { actionId: `ans:${ids.closed}:1` }), /not available here/],
    ['the same user, from the other workspace, on her own practice question', () => pressAs(aliceThere, { actionId: `ans:${ids.practice}:0` }), /not available here/],
    ['"review it" on a daily post', () => pressAs(stranger, { actionId: `rva:${ids.closed}` }), /not available here/],
    ['"review it" on a practice question', () => pressAs(aliceThere, { actionId: `rva:${ids.practice}` }), /not available here/],
    ['"next review item"', () => pressAs(aliceThere, { actionId: 'rvn' }), /review queue is empty/],
    ['an explain button (harmless: the same card everywhere)', () => pressAs(stranger, { actionId: 'exp:lambda' }), /AWS Lambda/],
    ['a quiz button (a question of the presser’s own workspace)', () => pressAs(stranger, { actionId: 'qz:lambda' }), /Practice/],
    ['/daily set naming the other workspace’s channel', () => commandAs(otherAdmin, 'daily', 'set <#CSTUDY|study> 09:00'), /is not a channel of this workspace/, 'echoes their channel'],
    ['/daily set naming it by its bare id', () => commandAs(otherAdmin, 'daily', 'set CSTUDY 09:00'), /is not a channel of this workspace/, 'echoes their channel'],
    ['/daily pause naming it', () => commandAs(otherAdmin, 'daily', 'pause <#CSTUDY|study>'), /is not a channel of this workspace/, 'echoes their channel'],
    ['/daily resume naming it', () => commandAs(otherAdmin, 'daily', 'resume channel:CSTUDY'), /is not a channel of this workspace/, 'echoes their channel'],
    ['/daily remove naming it', () => commandAs(otherAdmin, 'daily', 'remove <#CSTUDY>'), /is not a channel of this workspace/, 'echoes their channel'],
    ['/daily remove, every channel', () => commandAs(otherAdmin, 'daily', 'remove'), /No daily quiz is scheduled here/],
    ['/daily status', () => commandAs(otherAdmin, 'daily', 'status'), /No daily quiz is scheduled yet/],
    ['/daily config', () => commandAs(otherAdmin, 'daily', 'config Asia/Tokyo count'), /Saved/],
    ['/stats by the same user', () => commandAs(aliceThere, 'stats'), /No answers yet/],
    ['/review by the same user', () => commandAs(aliceThere, 'review'), /review queue is empty/],
    ['/leaderboard', () => commandAs(stranger, 'leaderboard', 'all'), /No daily quiz answers yet/],
  ];

  it.each(waysIn)('%s', async (_way, attempt, expected, echoes) => {
    const before = communitySnapshot(h.app.store.db, ids.community);
    const reply = await attempt();
    const shown = `${String(reply.text)}\n${shownText(reply)}`;
    expect(shown).toMatch(expected);
    for (const leak of ['Alice', 'Ada Admin', ...(echoes ? [] : ['CSTUDY'])]) expect(shown).not.toContain(leak);
    expect(communitySnapshot(h.app.store.db, ids.community)).toEqual(before);
  });

  it('the App Home of the same user in the other workspace shows nothing of Acme', async () => {
    const before = communitySnapshot(h.app.store.db, ids.community);
    const calls = h.fake.calls.length;
    await h.driver.event(appHomeOpened(aliceThere));
    const publish = await h.fake.waitForCall('views.publish', () => true, calls);
    const text = shownText({ blocks: (publish.args.view as { blocks: unknown[] }).blocks });
    expect(text).toMatch(/No answers yet/);
    expect(text).toMatch(/No daily quiz answers yet/);
    expect(communitySnapshot(h.app.store.db, ids.community)).toEqual(before);
  });

  it('left the other workspace with only its own rows: no schedule, and the quiz button’s question is its own', () => {
    const other = h.app.store.communities.find({ platform: 'slack', externalId: otherTeam.id })!;
    const mine = communitySnapshot(h.app.store.db, other.id);
    expect(mine.schedules).toEqual([]);
    expect(mine.answers).toEqual([]);
    expect(mine.posts).toHaveLength(1);
    expect(h.app.store.communities.get(ids.community)).toMatchObject({ timeZone: 'UTC', revealNames: true });
  });
});

describe('Slack: every admin action is refused to members who are not admins', () => {
  let h: SlackHarness;
  beforeAll(async () => {
    h = await startSlack('socket');
    // Something to protect: a schedule an admin set.
    expect(String((await h.command('admin', 'daily', 'set <#CSTUDY|study> 09:00')).delivery.body?.text)).toMatch(/Daily quiz set/);
  });
  afterAll(async () => {
    await h?.dispose();
  });

  /** Every admin command and subcommand in the command table, typed with valid values: a new one is covered without editing this test. */
  const adminActions = () =>
    h.app.bot.specs
      .filter((spec) => spec.admin)
      .flatMap((spec) => (spec.subcommands ?? [{ name: '', options: spec.options }]).map((sub) => ({ name: spec.name, text: [sub.name, ...sub.options.map(validText)].filter(Boolean).join(' ') })));

  it('refuses each, privately, and writes nothing; an admin is let through', async () => {
    const actions = adminActions();
    expect(actions.map((a) => a.text.split(' ')[0])).toEqual(expect.arrayContaining(['set', 'pause', 'resume', 'remove', 'status', 'config']));
    const before = rowCounts(h.app.store.db);
    for (const action of actions) {
      const { delivery } = await h.command('alice', action.name, action.text);
      expect(delivery.body?.response_type, action.text).toBe('ephemeral');
      expect(String(delivery.body?.text), action.text).toContain(`Only server or workspace admins can use /${action.name}`);
    }
    expect(rowCounts(h.app.store.db)).toEqual(before);

    for (const action of actions) {
      const { delivery } = await h.command('admin', action.name, action.text);
      expect(String(delivery.body?.text), action.text).not.toContain('Only server or workspace admins');
    }
  });
});
