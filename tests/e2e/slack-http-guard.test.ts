import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { renderReply } from '../../src/adapters/slack/render.js';
import { maxBodyBytes } from '../../src/adapters/slack/request-guard.js';
import { formBody, interactiveBody, sendSigned } from '../fakes/slack-driver.js';
import { appHomeOpened, blockActions, slashCommand } from '../fakes/slack-payloads.js';
import { slackSignature } from '../fakes/slack-signing.js';
import { startSlack, team, tokens, type SlackHarness } from '../fakes/slack-harness.js';
import { captureLogs } from '../support/log-capture.js';

const form = 'application/x-www-form-urlencoded';
const now = (): number => Math.floor(Date.now() / 1000);

/**
 * Starts a POST whose headers promise `length` bytes, sends only the first kilobyte, and
 * resolves with the status the bot answers. A server that reads the whole body before it
 * decides never answers here: the rest of the body never comes.
 */
function answeredBeforeTheBody(url: string, headers: Record<string, string>, length: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { ...headers, 'content-length': String(length) } });
    req.on('response', (res) => {
      resolve(res.statusCode ?? 0);
      res.resume();
      req.destroy();
    });
    req.on('error', reject);
    req.write(Buffer.alloc(1024, 'a'));
  });
}

const postsIn = (h: SlackHarness): number => h.app.store.db.prepare('SELECT count(*) FROM posts').pluck().get() as number;

describe('Slack HTTP mode: bodies are refused before they are read', () => {
  let h: SlackHarness | undefined;
  afterEach(async () => {
    await h?.dispose();
    h = undefined;
  });

  it('an unsigned 4 MB post is refused from its headers, before its body arrives', async () => {
    h = await startSlack('http');
    expect(await answeredBeforeTheBody(h.eventsUrl!, { 'content-type': form }, 4 * 1024 * 1024)).toBe(401);
    // A forged signature with a fresh timestamp promising 4 MB: refused for its size, unread.
    const forged = { 'content-type': form, 'x-slack-request-timestamp': String(now()), 'x-slack-signature': `v0=${'0'.repeat(64)}` };
    expect(await answeredBeforeTheBody(h.eventsUrl!, forged, 4 * 1024 * 1024)).toBe(413);
    expect(h.fake.calls).toEqual(expect.not.arrayContaining([expect.objectContaining({ method: 'users.info' })]));
  });

  it("Slack's unsigned ssl_check still gets its 200, and runs nothing", async () => {
    h = await startSlack('http');
    const response = await sendSigned(h.eventsUrl!, tokens.secret, 'ssl_check=1&token=x', form, { signature: null });
    expect(response.status).toBe(200);
    expect(h.fake.callsTo('users.info')).toEqual([]);
  });

  it(`a signed body over ${maxBodyBytes / 1024} KB is refused with 413 and runs nothing`, async () => {
    h = await startSlack('http');
    const body = formBody(slashCommand(h.who('alice'), '/quiz', 'x'.repeat(maxBodyBytes), h.fake.responseUrl()));
    const response = await sendSigned(h.eventsUrl!, tokens.secret, body, form);
    expect(response.status).toBe(413);
    expect(h.fake.callsTo('users.info')).toEqual([]);
    expect(postsIn(h)).toBe(0);
  });

  it('a press carrying our largest message, or the Home tab it was pressed in, fits well within the limit', async () => {
    h = await startSlack('http');
    const largest = h.app.library.topics
      .map((topic) => renderReply({ ...h!.app.library.card(topic), visibility: 'public' }))
      .map((message) => ({ message, size: JSON.stringify(message).length }))
      .sort((a, b) => b.size - a.size)[0]!.message;
    const inMessage = { ...blockActions(h.who('alice'), { actionId: 'exp:lambda' }, h.fake.responseUrl()), message: { type: 'message', ts: '1.000001', ...largest } };
    const calls = h.fake.calls.length;
    await h.driver.event(appHomeOpened(h.who('alice')));
    const home = (await h.fake.waitForCall('views.publish', () => true, calls)).args.view as Record<string, unknown>;
    const inHome = { ...blockActions(h.who('alice'), { actionId: 'exp:lambda', inHome: true }, undefined), view: { id: 'V1', type: 'home', ...home, state: { values: {} } } };
    for (const payload of [inMessage, inHome]) {
      const body = interactiveBody(payload);
      if (process.env.SHOW_SIZES) console.log(`press body: ${body.length} bytes`);
      expect(body.length).toBeLessThan(maxBodyBytes / 4);
      expect((await sendSigned(h.eventsUrl!, tokens.secret, body, form)).status).toBe(200);
    }
    await h.fake.waitForCall('chat.postMessage', (c) => c.args.channel === h!.who('alice').userId);
  });
});

describe('Slack HTTP mode: a request runs once', () => {
  let h: SlackHarness | undefined;
  afterEach(async () => {
    await h?.dispose();
    h = undefined;
  });

  it('the same signed /quiz replayed within its five minutes runs once', async () => {
    h = await startSlack('http');
    const body = formBody(slashCommand(h.who('alice'), '/quiz', 'lambda', h.fake.responseUrl()));
    const ts = now();
    const signature = slackSignature(tokens.secret, ts, body);
    const first = await sendSigned(h.eventsUrl!, tokens.secret, body, form, { timestamp: ts, signature });
    expect(JSON.stringify(first.body)).toMatch(/"action_id":"(submit\|)?ans:\d+/);
    for (let i = 0; i < 2; i += 1) {
      const replay = await sendSigned(h.eventsUrl!, tokens.secret, body, form, { timestamp: ts, signature });
      expect(replay.status).toBe(401);
    }
    expect(postsIn(h)).toBe(1);
  });

  it("Slack's retry of a request already taken is acknowledged and not run again", async () => {
    h = await startSlack('http');
    const body = formBody(slashCommand(h.who('alice'), '/quiz', 'lambda', h.fake.responseUrl()));
    expect((await sendSigned(h.eventsUrl!, tokens.secret, body, form)).status).toBe(200);
    // Slack signs each delivery afresh; the body is the same.
    const retry = await sendSigned(h.eventsUrl!, tokens.secret, body, form, { timestamp: now() + 1, headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } });
    expect(retry.status).toBe(200);
    expect(retry.body).toBeUndefined();
    expect(postsIn(h)).toBe(1);
  });
});

describe('Slack HTTP mode: a signed payload of the wrong shape gets a clear answer', () => {
  let h: SlackHarness | undefined;
  afterEach(async () => {
    await h?.dispose();
    h = undefined;
  });

  const press = () => blockActions(h!.who('alice'), { actionId: 'exp:lambda' }, h!.fake.responseUrl());
  const without = <T extends Record<string, unknown>>(payload: T, ...keys: string[]): T => Object.fromEntries(Object.entries(payload).filter(([k]) => !keys.includes(k))) as T;
  const malformed: [string, () => [string, string]][] = [
    ['payload=null', () => ['payload=null', form]],
    ['payload=[]', () => ['payload=%5B%5D', form]],
    ['a JSON body that is a string', () => ['"hello"', 'application/json']],
    ['block_actions without a user', () => [interactiveBody(without(press(), 'user')), form]],
    ['block_actions with no actions', () => [interactiveBody({ ...press(), actions: [] }), form]],
    ['block_actions naming no workspace', () => [interactiveBody({ ...without(press(), 'team'), user: { id: 'UALICE' } }), form]],
    ['block_actions with a number for a user id', () => [interactiveBody({ ...press(), user: { id: 42, team_id: team.id } }), form]],
    ['a slash command without user_id', () => [formBody(without(slashCommand(h!.who('alice'), '/help', '', h!.fake.responseUrl()), 'user_id')), form]],
    ['an event without its event', () => [JSON.stringify(without(appHomeOpened(h!.who('alice')), 'event')), 'application/json']],
    ['an interaction of a type we do not take', () => [interactiveBody({ ...press(), type: 'view_submission' }), form]],
    ['an interaction typed "constructor"', () => [interactiveBody({ ...press(), type: 'constructor' }), form]],
  ];

  it.each(malformed)('%s: 400 saying what is wrong, nothing run, nothing logged as an error', async (_what, make) => {
    const logs = captureLogs();
    h = await startSlack('http', { log: logs.log });
    const [body, contentType] = make();
    const response = await sendSigned(h.eventsUrl!, tokens.secret, body, contentType);
    expect(response.status).toBe(400);
    expect(String(response.body?.raw)).toMatch(/^Bad request: \S/);
    expect(h.fake.calls.filter((c) => c.method !== 'auth.test')).toEqual([]);
    expect(logs.at('error')).toEqual([]);
    const help = await sendSigned(h.eventsUrl!, tokens.secret, formBody(slashCommand(h.who('alice'), '/help', '', h.fake.responseUrl())), form);
    expect(help.body?.response_type).toBe('ephemeral');
  });

  it('a press with no container and no response_url is answered privately by direct message', async () => {
    const logs = captureLogs();
    h = await startSlack('http', { log: logs.log });
    const bare = without(blockActions(h.who('alice'), { actionId: 'exp:lambda' }, undefined), 'container', 'channel', 'message');
    const response = await sendSigned(h.eventsUrl!, tokens.secret, interactiveBody(bare), form);
    expect(response.status).toBe(200);
    const dm = await h.fake.waitForCall('chat.postMessage', (c) => c.args.channel === 'UALICE');
    expect(String(dm.args.text)).toMatch(/AWS Lambda/);
    expect(logs.at('error')).toEqual([]);
  });
});
