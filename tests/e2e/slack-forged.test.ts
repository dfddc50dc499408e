import { afterEach, describe, expect, it } from 'vitest';
import { formBody, interactiveBody, sendSigned } from '../fakes/slack-driver.js';
import { blockActions, slashCommand } from '../fakes/slack-payloads.js';
import { questionIn, startSlack, tokens, type SlackHarness } from '../fakes/slack-harness.js';
import { captureLogs } from '../support/log-capture.js';

const form = 'application/x-www-form-urlencoded';

describe('slack HTTP mode refuses forged requests (the real Bolt receiver)', () => {
  let h: SlackHarness | undefined;
  afterEach(async () => {
    await h?.dispose();
    h = undefined;
  });

  const helpBody = (h: SlackHarness): string => formBody(slashCommand(h.who('alice'), '/help', '', h.fake.responseUrl()));

  it('accepts a correctly signed command', async () => {
    h = await startSlack('http');
    const ok = await sendSigned(h.eventsUrl!, tokens.secret, helpBody(h), form);
    expect(ok.status).toBe(200);
    expect(ok.body?.response_type).toBe('ephemeral');
  });

  it('refuses a bad, a missing, a wrong-secret and a stale signature, and runs nothing', async () => {
    h = await startSlack('http');
    const url = h.eventsUrl!;
    const body = helpBody(h);
    const before = h.fake.calls.length;
    const bad = await sendSigned(url, tokens.secret, body, form, { signature: 'v0=0123456789abcdef' });
    const missing = await sendSigned(url, tokens.secret, body, form, { signature: null });
    const wrongSecret = await sendSigned(url, tokens.secret, body, form, { secret: 'not-the-secret' });
    const stale = await sendSigned(url, tokens.secret, body, form, { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 });
    for (const response of [bad, missing, wrongSecret, stale]) {
      expect(response.status).toBe(401);
      expect(response.body?.response_type).toBeUndefined();
    }
    // No handler ran: no users.info lookup, no reply.
    expect(h.fake.calls.slice(before)).toEqual([]);
  });

  it('refuses a signed body that was altered afterwards', async () => {
    h = await startSlack('http');
    const quiz = await h.command('alice', 'quiz', 'ecs');
    const q = questionIn(h, quiz.delivery.body);
    const honest = interactiveBody(blockActions(h.who('alice'), { actionId: `${q.answerAction}:0` }, h.fake.responseUrl()));
    const forged = interactiveBody(blockActions(h.who('bob'), { actionId: `${q.answerAction}:0` }, h.fake.responseUrl()));
    const { slackSignature } = await import('../fakes/slack-signing.js');
    const ts = Math.floor(Date.now() / 1000);
    const response = await sendSigned(h.eventsUrl!, tokens.secret, forged, form, { timestamp: ts, signature: slackSignature(tokens.secret, ts, honest) });
    expect(response.status).toBe(401);
    const answers = h.app.store.db.prepare('SELECT count(*) AS n FROM answers').get() as { n: number };
    expect(answers.n).toBe(0);
  });

  it('survives signed garbage and keeps answering', async () => {
    h = await startSlack('http');
    const url = h.eventsUrl!;
    const garbage = await sendSigned(url, tokens.secret, 'payload=%7Bnot-json', form);
    expect(garbage.status).toBeGreaterThanOrEqual(400);
    const unsubscribed = { type: 'event_callback', team_id: 'T0ACME', api_app_id: 'AFAKE', event: { type: 'reaction_added', user: 'UALICE', reaction: 'tada' }, event_id: 'Ev1', event_time: 1 };
    const event = await sendSigned(url, tokens.secret, JSON.stringify(unsubscribed), 'application/json');
    expect(event.status).toBe(200);
    const unknownButton = await sendSigned(url, tokens.secret, interactiveBody(blockActions(h.who('alice'), { actionId: 'someone-elses-button' }, h.fake.responseUrl())), form);
    expect(unknownButton.status).toBe(200);
    const ok = await sendSigned(url, tokens.secret, helpBody(h), form);
    expect(ok.status).toBe(200);
    expect(ok.body?.response_type).toBe('ephemeral');
  });

  it("answers Slack's URL verification challenge", async () => {
    h = await startSlack('http');
    const challenge = await sendSigned(h.eventsUrl!, tokens.secret, JSON.stringify({ type: 'url_verification', challenge: 'abc123', token: 'x' }), 'application/json');
    expect(challenge.status).toBe(200);
    expect(challenge.body?.challenge).toBe('abc123');
  });
});

describe('slack Socket Mode survives bad envelopes', () => {
  it('a press of the wrong shape is ignored with a warning, a press without container or response_url is answered by direct message', async () => {
    const logs = captureLogs();
    const h = await startSlack('socket', { log: logs.log });
    try {
      const press = blockActions(h.who('alice'), { actionId: 'exp:lambda' }, undefined);
      const { container: _c, channel: _ch, message: _m, ...bare } = press;
      await h.driver.interactive(bare);
      const dm = await h.fake.waitForCall('chat.postMessage', (c) => c.args.channel === 'UALICE');
      expect(String(dm.args.text)).toMatch(/AWS Lambda/);
      const actions = press.actions as Record<string, unknown>[];
      // An action id that only looks like ours once turned into a string, and a user id that is a number.
      await h.driver.interactive({ ...press, actions: [{ ...actions[0], action_id: ['exp:lambda'] }] });
      await h.driver.interactive({ ...press, user: { id: 42, team_id: 'T0ACME' } });
      await logs.find((l) => /payload Slack would never send/.test(l.msg), 'the warning');
      expect(logs.at('error')).toEqual([]);
      expect((await h.command('alice', 'help')).delivery.body?.response_type).toBe('ephemeral');
    } finally {
      await h.dispose();
    }
  });

  it('ignores a payload it cannot place and keeps answering', async () => {
    const h = await startSlack('socket');
    try {
      // Bolt cannot place this payload and never acks it (Slack would give up redelivering);
      // what matters is that nothing breaks.
      void h.fake.sendEnvelope('interactive', { type: 'no_such_interaction' });
      const unknownAction = await h.driver.interactive(blockActions(h.who('alice'), { actionId: 'someone-elses-button' }, h.fake.responseUrl()));
      expect(unknownAction.status).toBe(200);
      const help = await h.command('alice', 'help');
      expect(help.delivery.body?.response_type).toBe('ephemeral');
    } finally {
      await h.dispose();
    }
  });
});
