import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FakeSlack } from '../fakes/fake-slack.js';
import { formBody, sendSigned } from '../fakes/slack-driver.js';
import { people, team, tokens } from '../fakes/slack-harness.js';
import { slashCommand } from '../fakes/slack-payloads.js';
import { startScript, type BotProcess } from '../support/bot-process.js';
import { createTestApp } from '../support/test-app.js';
import { SlackAdapter } from '../../src/adapters/slack/slack-adapter.js';
import { ConfigError } from '../../src/config.js';
import { createLogger } from '../../src/log.js';


/** A script as `npm run` runs it, logging at info so a test can wait for its lines. */
const run = (script: string, args: string[], env: Record<string, string>): BotProcess => startScript(script, { LOG_LEVEL: 'info', ...env }, { args });

/** A port nobody listens on right now. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('Slack: npm start and npm run slack:manifest', () => {
  let fake: FakeSlack;
  let dir: string;
  let running: BotProcess | undefined;
  beforeAll(async () => {
    fake = await FakeSlack.start({ botToken: tokens.bot, appToken: tokens.app, teamId: team.id, users: Object.values(people), channels: [{ id: 'CSTUDY', name: 'study', isMember: true }] });
    dir = mkdtempSync(join(tmpdir(), 'cloudstudy-slack-'));
  });
  afterEach(() => {
    void running?.kill('SIGKILL');
    running = undefined;
  });
  afterAll(async () => {
    await fake?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('starts in Socket Mode with SLACK_APP_TOKEN, answers a command, and shuts down cleanly', async () => {
    const started = run('src/main.ts', [], { SLACK_BOT_TOKEN: tokens.bot, SLACK_APP_TOKEN: tokens.app, SLACK_API_URL: fake.apiUrl, DATABASE_PATH: join(dir, 'socket.db') });
    running = started;
    await fake.socketConnected();
    const ack = await fake.sendEnvelope('slash_commands', slashCommand({ teamId: team.id, userId: people.alice.id }, '/help', '', fake.responseUrl()));
    expect(ack.payload?.response_type).toBe('ephemeral');
    const result = await started.kill('SIGTERM');
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/"mode":"socket"/);
    expect(result.stderr).toMatch(/"adapters":\["slack"\]/);
  });

  it('listens for signed HTTP requests on PORT without SLACK_APP_TOKEN', async () => {
    const port = await freePort();
    const started = run('src/main.ts', [], { SLACK_BOT_TOKEN: tokens.bot, SLACK_SIGNING_SECRET: tokens.secret, SLACK_API_URL: fake.apiUrl, PORT: String(port), DATABASE_PATH: join(dir, 'http.db') });
    running = started;
    await started.logged(/slack adapter started/);
    const url = `http://127.0.0.1:${port}/slack/events`;
    const response = await sendSigned(url, tokens.secret, formBody(slashCommand({ teamId: team.id, userId: people.alice.id }, '/explain', 'lambda', fake.responseUrl())), 'application/x-www-form-urlencoded');
    expect(response.status).toBe(200);
    expect(response.body?.response_type).toBe('in_channel');
    expect((await started.kill('SIGTERM')).code).toBe(0);
  });

  it("Slack out of reach at start-up: one line naming Slack's Web API, the address and what to check, no stack", async () => {
    const apiUrl = `http://127.0.0.1:${await freePort()}/api/`;
    const result = await run('src/main.ts', [], { SLACK_BOT_TOKEN: tokens.bot, SLACK_APP_TOKEN: tokens.app, SLACK_API_URL: apiUrl, DATABASE_PATH: join(dir, 'unreachable.db') }).exited;
    expect(result.code).toBe(1);
    const lines = result.stderr.split('\n').filter((l) => l !== '' && !l.startsWith('{'));
    expect(lines).toEqual([`cloudstudy could not start: could not reach Slack's Web API at ${apiUrl} (ECONNREFUSED). Check the network connection, any proxy or firewall, and SLACK_API_URL.`]);
  });

  // main.ts prints a ConfigError as one line without a stack (tested with the config errors).
  it.each([
    ['SLACK_BOT_TOKEN', { botToken: 'xoxb-wrong', appToken: tokens.app }],
    ['SLACK_APP_TOKEN', { botToken: tokens.bot, appToken: 'xapp-wrong' }],
  ] as const)('refuses a wrong %s as a configuration error naming it', async (variable, given) => {
    const app = createTestApp();
    const adapter = new SlackAdapter({ bot: app.bot, log: createLogger('silent'), ...given, apiUrl: fake.apiUrl });
    try {
      const error = await adapter.start().then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(ConfigError);
      expect(String(error)).toContain(`${variable} was refused by Slack (invalid_auth)`);
    } finally {
      await adapter.stop();
      app.dispose();
    }
  });

  it('npm run slack:manifest prints a prefixed HTTP-mode manifest on request', async () => {
    const result = await run('src/cli/slack-manifest.ts', ['--prefix', 'cs', '--url', 'https://bot.example.com/slack/events'], {}).exited;
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/command: \/cs-explain/);
    expect(result.stdout).toMatch(/command: \/cs-daily/);
    expect(result.stdout).toMatch(/socket_mode_enabled: false/);
    expect(result.stdout).toMatch(/request_url: https:\/\/bot.example.com\/slack\/events/);
  });
});
