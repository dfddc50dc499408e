import { afterEach, describe, expect, it } from 'vitest';
import { answerPress, questionIn, shownText, startSlack, team, type SlackHarness } from '../fakes/slack-harness.js';
import type { FakeMessage } from '../fakes/fake-slack.js';
import { SlackError } from '../../src/adapters/slack/slack-errors.js';

const monday1300 = Date.UTC(2026, 10, 16, 13, 0);
const tuesday1201 = Date.UTC(2026, 10, 17, 12, 1);

const schedulesOf = (h: SlackHarness) => {
  const community = h.app.store.communities.find({ platform: 'slack', externalId: team.id });
  return community ? h.app.store.schedules.list(community.id) : [];
};

/** Everything the channel has ever shown of a message: its current and every earlier version. */
const everShown = (m: FakeMessage): string => [m.text, shownText({ blocks: m.blocks }), ...m.history.flatMap((v) => [v.text, shownText({ blocks: v.blocks })])].join('\n');

describe.each(['socket', 'http'] as const)('slack daily quiz (%s mode)', (mode) => {
  let h: SlackHarness | undefined;
  afterEach(async () => {
    await h?.dispose();
    h = undefined;
  });

  it('only workspace admins, owners and listed members may configure it', async () => {
    h = await startSlack(mode);
    const refused = await h.command('alice', 'daily', 'set <#CSTUDY|study> 09:00');
    expect(refused.delivery.body?.response_type).toBe('ephemeral');
    expect(String(refused.delivery.body?.text)).toMatch(/Only server or workspace admins can use \/daily/);
    expect(schedulesOf(h)).toHaveLength(0);
    for (const [person, time] of [['admin', '09:00'], ['owner', '10:00'], ['listed', '11:00']] as const) {
      const ok = await h.command(person, 'daily', `set <#CSTUDY|study> ${time}`);
      expect(String(ok.delivery.body?.text)).toMatch(/Daily quiz set for <#CSTUDY>/);
    }
    expect(schedulesOf(h).map((s) => s.localTime)).toEqual(['11:00']);
    const pause = await h.command('bob', 'daily', 'pause');
    expect(String(pause.delivery.body?.text)).toMatch(/Only server or workspace admins/);
    const status = await h.command('admin', 'daily', 'status');
    expect(shownText(status.delivery.body)).toMatch(/<#CSTUDY>: 11:00/);
  });

  it('when users.info fails the member is treated as no admin', async () => {
    h = await startSlack(mode);
    h.fake.failNext('users.info', { error: 'ratelimited' });
    const refused = await h.command('admin', 'daily', 'set <#CSTUDY|study> 09:00');
    expect(String(refused.delivery.body?.text)).toMatch(/Only server or workspace admins/);
    expect(schedulesOf(h)).toHaveLength(0);
  });

  it('a private channel the bot is not in is refused with how to fix it', async () => {
    h = await startSlack(mode);
    const { delivery } = await h.command('admin', 'daily', 'set <#CPRIVATE|secret> 09:00');
    expect(String(delivery.body?.text)).toMatch(/Invite me first/);
    expect(schedulesOf(h)).toHaveLength(0);
    const bare = await h.command('admin', 'daily', 'set study 09:00');
    expect(String(bare.delivery.body?.text)).toMatch(/pick the channel from Slack's list/);
  });

  it('from post to reveal: public question, private verdicts, counts by chat.update, reveal by chat.update', async () => {
    h = await startSlack(mode);
    await h.command('admin', 'daily', 'set <#CSTUDY|study> 13:00');
    h.clock.set(monday1300);
    await h.app.daily.tick();

    const posts = h.fake.callsTo('chat.postMessage').filter((c) => c.args.channel === 'CSTUDY');
    expect(posts).toHaveLength(1);
    const message = [...h.fake.messages.values()].find((m) => m.channel === 'CSTUDY')!;
    expect(message.text).toMatch(/Daily quiz/);
    const q = questionIn(h, { blocks: message.blocks });

    const right = await h.press('alice', answerPress(q, q.right, { messageTs: message.ts }), 'CSTUDY');
    expect(right.reply.response_type).toBe('ephemeral');
    expect(String(right.reply.text)).toMatch(/Right!/);
    expect(shownText(right.reply)).toMatch(/\+\d+ points/);
    const wrong = await h.press('bob', answerPress(q, q.wrong.slice(0, q.pick), { messageTs: message.ts }), 'CSTUDY');
    expect(String(wrong.reply.text)).toMatch(/Not quite/);

    h.clock.advance(10_000);
    await h.app.daily.tick();
    expect(h.fake.callsTo('chat.update')).toHaveLength(1);
    expect(everShown(message)).toMatch(/2 answered so far/);
    // Nobody's name or choice ever appears in the channel while the question is open.
    expect(everShown(message)).not.toMatch(/Alice|Bob|UALICE|UBOB/);
    expect(h.fake.callsTo('chat.postEphemeral')).toHaveLength(0);

    h.clock.set(tuesday1201);
    await h.app.daily.tick();
    expect(h.fake.callsTo('chat.update')).toHaveLength(2);
    expect(message.text).toMatch(/Daily quiz · closed/);
    expect(shownText({ blocks: message.blocks })).toMatch(/Answers?: /);
    expect(shownText({ blocks: message.blocks })).toMatch(/1 of 2 got it right/);
    expect(JSON.stringify(message.blocks)).not.toContain(`"action_id":"${q.answerAction}:`);

    const late = await h.press('alice', answerPress(q, q.right, { messageTs: message.ts }), 'CSTUDY');
    expect(String(late.reply.text)).toMatch(/has closed/);

    const board = await h.command('bob', 'leaderboard');
    expect(String(board.delivery.body?.text)).toMatch(/^ {2}1 +Alice +\d+ /m);
  });
});

describe('slack daily quiz poster errors', () => {
  let h: SlackHarness | undefined;
  afterEach(async () => {
    await h?.dispose();
    h = undefined;
  });

  const reply = { visibility: 'public' as const, text: 'hello', blocks: [{ type: 'markdown' as const, text: 'hello' }] };

  it('a 429 surfaces at once as a retriable error carrying Retry-After', async () => {
    h = await startSlack('socket');
    h.fake.failNext('chat.postMessage', { status: 429, retryAfter: 7 });
    const error = await h.adapter.post('CSTUDY', reply).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(SlackError);
    expect(error).toMatchObject({ retryAfterMs: 7000, permanent: false, code: 'rate_limited' });
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('a gone channel, a channel the bot is not in and a deleted message are permanent', async () => {
    h = await startSlack('socket');
    await expect(h.adapter.post('CNOWHERE', reply)).rejects.toMatchObject({ code: 'channel_not_found', permanent: true });
    await expect(h.adapter.post('CPRIVATE', reply)).rejects.toMatchObject({ code: 'not_in_channel', permanent: true });
    await expect(h.adapter.edit('CSTUDY', '1.000001', reply)).rejects.toMatchObject({ code: 'message_not_found', permanent: true });
    const ts = await h.adapter.post('CSTUDY', reply);
    await h.adapter.edit('CSTUDY', ts, { ...reply, text: 'edited' });
    expect(h.fake.message('CSTUDY', ts)?.text).toBe('edited');
  });

  it('a rate-limited daily post waits for Retry-After, then goes out once', async () => {
    h = await startSlack('socket');
    await h.command('admin', 'daily', 'set <#CSTUDY|study> 13:00');
    h.fake.failNext('chat.postMessage', { status: 429, retryAfter: 120 });
    h.clock.set(monday1300);
    await h.app.daily.tick();
    expect(h.fake.messages.size).toBe(0);
    h.clock.advance(60_000);
    await h.app.daily.tick();
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(1);
    h.clock.advance(61_000);
    await h.app.daily.tick();
    expect(h.fake.messages.size).toBe(1);
  });

  it('a post that reached Slack unheard is found again, never posted twice', async () => {
    h = await startSlack('socket');
    await h.command('admin', 'daily', 'set <#CSTUDY|study> 13:00');
    h.fake.failNext('chat.postMessage', { status: 500, accept: true });
    h.clock.set(monday1300);
    await h.app.daily.tick();
    expect(h.fake.messages.size).toBe(1);
    h.clock.advance(10 * 60_000);
    await h.app.daily.tick();
    expect(h.fake.callsTo('conversations.history')).toHaveLength(1);
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(1);
    const [message] = [...h.fake.messages.values()];
    const q = questionIn(h, { blocks: message!.blocks });
    await h.press('alice', answerPress(q, q.right, { messageTs: message!.ts }), 'CSTUDY');
    h.clock.advance(10_000);
    await h.app.daily.tick();
    expect(message!.text).toMatch(/Daily quiz/);
    expect(everShown(message!)).toMatch(/1 answered so far/);
  });
});
