import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SlackAdapter } from '../../src/adapters/slack/slack-adapter.js';
import { createLogger } from '../../src/log.js';
import { Metrics } from '../../src/ops/metrics.js';
import { OpsRoutes } from '../../src/ops/ops-routes.js';
import { FakeSlack } from '../fakes/fake-slack.js';
import { people, team, tokens } from '../fakes/slack-harness.js';
import { httpDriver } from '../fakes/slack-driver.js';
import { slashCommand } from '../fakes/slack-payloads.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/** Slack's HTTP mode serves /healthz and /metrics beside /slack/events, as Bolt custom routes. */
describe('Slack HTTP mode: /healthz and /metrics', () => {
  let fake: FakeSlack;
  let app: TestApp;
  let adapter: SlackAdapter;
  let base: string;
  beforeAll(async () => {
    fake = await FakeSlack.start({ botToken: tokens.bot, appToken: tokens.app, teamId: team.id, teamName: 'Acme', users: Object.values(people), channels: [{ id: 'CSTUDY', name: 'study', isMember: true }] });
    app = createTestApp();
    const metrics = new Metrics();
    app.telemetry.use(metrics);
    const ops = new OpsRoutes(metrics);
    ops.add({ name: 'database', check: async () => app.store.db.prepare('SELECT 1').get() !== undefined });
    adapter = new SlackAdapter({ bot: app.bot, log: createLogger('silent'), botToken: tokens.bot, signingSecret: tokens.secret, port: 0, host: '127.0.0.1', apiUrl: fake.apiUrl, ops });
    ops.add({ name: 'slack', check: () => adapter.reachable() });
    await adapter.start();
    base = `http://127.0.0.1:${adapter.port}`;
  });
  afterAll(async () => {
    await adapter?.stop();
    await fake?.close();
    app?.dispose();
  });

  it('reports the database and Slack, and counts a command', async () => {
    const who = { teamId: team.id, teamDomain: 'acme', userId: people.alice.id, userName: people.alice.name };
    await httpDriver(`${base}/slack/events`, tokens.secret).command(slashCommand(who, '/explain', 'fargate', fake.responseUrl()));
    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok', checks: { database: 'ok', slack: 'ok' } });
    expect(await (await fetch(`${base}/metrics`)).text()).toMatch(/cloudstudy_commands_total\{command="explain"\} 1/);
  });

  it('answers 503 naming Slack when its Web API refuses', async () => {
    fake.failNext('auth.test', { error: 'invalid_auth' });
    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(503);
    expect(await health.json()).toEqual({ status: 'unavailable', checks: { database: 'ok', slack: 'unreachable' } });
  });
});
