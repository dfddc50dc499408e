import { afterEach, describe, expect, it } from 'vitest';
import { slashCommand, type Who } from '../fakes/slack-payloads.js';
import { otherTeam, startSlack, team, type SlackHarness } from '../fakes/slack-harness.js';
import { rowCounts } from '../support/community-snapshot.js';

/** A channel of workspace Other that the bot's org-wide token can see. */
const foreign = 'C0OTHERWS1';

const schedulesOf = (h: SlackHarness) => {
  const community = h.app.store.communities.find({ platform: 'slack', externalId: team.id });
  return community ? h.app.store.schedules.list(community.id) : [];
};

describe('Slack: a /daily command only ever reaches its own workspace’s channels', () => {
  let h: SlackHarness | undefined;
  afterEach(async () => {
    await h?.dispose();
    h = undefined;
  });

  const start = async (): Promise<SlackHarness> => {
    const harness = await startSlack('socket');
    harness.fake.addChannel({ id: foreign, name: 'their-study', isMember: true, teamId: otherTeam.id });
    return harness;
  };

  it.each([
    ['a bare channel id', `set ${foreign} 14:26 UTC 10m`],
    ['the named form', `set channel:<#${foreign}|x> 14:26`],
    ['the named form with a bare id, after the time', `set time:14:26 channel:${foreign}`],
    ['the link form', `set <#${foreign}|their-study> 14:26`],
    ['the link form without a name', `set <#${foreign}> 14:26 weekdays`],
  ])('/daily set with %s of another workspace’s channel is refused, and nothing is written', async (_form, text) => {
    h = await start();
    const before = rowCounts(h.app.store.db);
    const { delivery } = await h.command('admin', 'daily', text);
    expect(String(delivery.body?.text)).toMatch(/is not a channel of this workspace/);
    expect(h.fake.callsTo('conversations.info').map((c) => c.args.channel)).toEqual([foreign]);
    expect(schedulesOf(h)).toEqual([]);
    expect(rowCounts(h.app.store.db)).toEqual(before);
  });

  it.each([
    ['rate-limited', { status: 429 as const, retryAfter: 1 }],
    ['failing', { error: 'internal_error' }],
  ])('when conversations.info is %s, /daily set is refused with what to try; nothing is written', async (_how, failure) => {
    h = await start();
    h.fake.failNext('conversations.info', failure);
    const { delivery } = await h.command('admin', 'daily', 'set <#CSTUDY|study> 09:00');
    expect(String(delivery.body?.text)).toMatch(/could not check that channel with Slack.*try again/i);
    expect(schedulesOf(h)).toEqual([]);
  });

  it('every subcommand that names a channel is checked, and fails closed', async () => {
    h = await start();
    expect(String((await h.command('admin', 'daily', 'set <#CSTUDY|study> 09:00')).delivery.body?.text)).toMatch(/Daily quiz set/);
    for (const sub of ['pause', 'resume', 'remove']) {
      const calls = h.fake.callsTo('conversations.info').length;
      h.fake.failNext('conversations.info', { error: 'internal_error' });
      const { delivery } = await h.command('admin', 'daily', `${sub} CSTUDY`);
      expect(String(delivery.body?.text), sub).toMatch(/could not check that channel/);
      expect(h.fake.callsTo('conversations.info').length, sub).toBe(calls + 1);
      const foreignOne = await h.command('admin', 'daily', `${sub} <#${foreign}|x>`);
      expect(String(foreignOne.delivery.body?.text), sub).toMatch(/is not a channel of this workspace/);
    }
    expect(schedulesOf(h)).toMatchObject([{ channelId: 'CSTUDY', paused: false }]);
    // Confirmed channels of this workspace still work, in every form.
    expect(String((await h.command('admin', 'daily', 'pause CSTUDY')).delivery.body?.text)).toMatch(/Paused the daily quiz in <#CSTUDY>/);
    expect(String((await h.command('admin', 'daily', 'resume channel:<#CSTUDY|study>')).delivery.body?.text)).toMatch(/Resumed/);
  });

  it('a deleted channel’s schedule can still be paused and removed; another workspace’s schedules are never touched', async () => {
    h = await start();
    expect(String((await h.command('admin', 'daily', 'set <#CSTUDY|study> 09:00')).delivery.body?.text)).toMatch(/Daily quiz set/);
    h.fake.deleteChannel('CSTUDY');
    expect(String((await h.command('admin', 'daily', 'set <#CSTUDY|study> 10:00')).delivery.body?.text)).toMatch(/no longer exists/);
    expect(String((await h.command('admin', 'daily', 'pause <#CSTUDY|study>')).delivery.body?.text)).toMatch(/Paused the daily quiz in <#CSTUDY>/);
    expect(String((await h.command('admin', 'daily', 'remove CSTUDY')).delivery.body?.text)).toMatch(/Removed|Stopped/i);
    expect(schedulesOf(h)).toEqual([]);
    // An id Slack does not know finds no schedule of this workspace: nothing to do, nothing written.
    const before = rowCounts(h.app.store.db);
    expect(String((await h.command('admin', 'daily', 'pause CGONE0001')).delivery.body?.text)).toMatch(/no daily quiz|not scheduled|No schedule/i);
    expect(rowCounts(h.app.store.db)).toEqual(before);
  });

  it('a channel Slack reports without any workspace is not taken on trust', async () => {
    h = await start();
    h.fake.addChannel({ id: 'CNOTEAM', name: 'limbo', isMember: true, teamId: '' });
    const { delivery } = await h.command('admin', 'daily', 'set CNOTEAM 09:00');
    expect(String(delivery.body?.text)).toMatch(/could not check that channel/);
    expect(schedulesOf(h)).toEqual([]);
  });
});

describe('Slack: admin rights count only in the admin’s own workspace', () => {
  let h: SlackHarness | undefined;
  afterEach(async () => {
    await h?.dispose();
    h = undefined;
  });
  const asIn = (teamId: string, userId: string): Who => ({ teamId, teamDomain: teamId.toLowerCase(), userId, userName: userId.toLowerCase() });
  const daily = async (who: Who, text: string): Promise<string> => String((await h!.driver.command(slashCommand(who, '/daily', text, h!.fake.responseUrl()))).body?.text);

  it('an admin of another workspace sending a command that carries this workspace is no admin here', async () => {
    h = await startSlack('socket');
    h.fake.addUser({ id: 'UOTHERADMIN', teamId: otherTeam.id, name: 'otto', displayName: 'Otto', isAdmin: true });
    expect(await daily(asIn(team.id, 'UOTHERADMIN'), 'set <#CSTUDY|study> 09:00')).toMatch(/Only server or workspace admins/);
    expect(schedulesOf(h)).toEqual([]);
    // At home the same person is an admin, and that answer is cached for their own workspace only.
    expect(await daily(asIn(otherTeam.id, 'UOTHERADMIN'), 'status')).toMatch(/No daily quiz is scheduled yet/);
    expect(await daily(asIn(team.id, 'UOTHERADMIN'), 'set <#CSTUDY|study> 09:00')).toMatch(/Only server or workspace admins/);
    expect(schedulesOf(h)).toEqual([]);
  });

  it('an organisation admin is an admin in the organisation’s workspaces, and only there', async () => {
    h = await startSlack('socket');
    h.fake.addUser({ id: 'WORGADMIN', teamId: 'T0HQ', name: 'oria', displayName: 'Oria', enterprise: { id: 'E0ORG', teams: [team.id, 'T0HQ'], isAdmin: true } });
    h.fake.addUser({ id: 'WORGMEMBER', teamId: 'T0HQ', name: 'omar', displayName: 'Omar', isAdmin: true, enterprise: { id: 'E0ORG', teams: [team.id, 'T0HQ'] } });
    expect(await daily(asIn(team.id, 'WORGADMIN'), 'set <#CSTUDY|study> 09:00')).toMatch(/Daily quiz set/);
    expect(await daily(asIn(otherTeam.id, 'WORGADMIN'), 'status')).toMatch(/Only server or workspace admins/);
    // A workspace admin of the org's HQ workspace is no admin of Acme.
    expect(await daily(asIn(team.id, 'WORGMEMBER'), 'pause')).toMatch(/Only server or workspace admins/);
    expect(schedulesOf(h)).toMatchObject([{ channelId: 'CSTUDY', paused: false }]);
  });
});
