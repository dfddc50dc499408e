import { afterAll, describe, expect, it } from 'vitest';
import { slackOptionsFromConfig } from '../../src/adapters/slack/slack-config.js';
import { parseConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { createTestApp } from '../support/test-app.js';

const app = createTestApp();
afterAll(() => app.dispose());
const log = createLogger('silent');

describe('Slack settings from the environment', () => {
  it('is off without SLACK_BOT_TOKEN', () => {
    expect(slackOptionsFromConfig(parseConfig({}), app.bot, log)).toBeUndefined();
  });

  it('uses Socket Mode when SLACK_APP_TOKEN is set', () => {
    const options = slackOptionsFromConfig(parseConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1', SLACK_COMMAND_PREFIX: 'cs' }), app.bot, log);
    expect(options).toMatchObject({ botToken: 'xoxb-1', appToken: 'xapp-1', commandPrefix: 'cs' });
    expect(options?.signingSecret).toBeUndefined();
  });

  it('uses HTTP on PORT with the signing secret otherwise, and the API base from SLACK_API_URL', () => {
    const options = slackOptionsFromConfig(parseConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: '8f14e45fceea167a5a36dedd4bea2543', PORT: '8080', SLACK_API_URL: 'http://127.0.0.1:9/api/' }), app.bot, log);
    expect(options).toMatchObject({ signingSecret: '8f14e45fceea167a5a36dedd4bea2543', port: 8080, apiUrl: 'http://127.0.0.1:9/api/' });
    expect(options?.appToken).toBeUndefined();
  });

  it('reads SLACK_ADMIN_USERS as user ids and refuses anything else, naming the variable', () => {
    const options = slackOptionsFromConfig(parseConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1', SLACK_ADMIN_USERS: 'U012AB, W0XYZ9  U777' }), app.bot, log);
    expect([...(options?.adminUsers ?? [])]).toEqual(['U012AB', 'W0XYZ9', 'U777']);
    expect(() => parseConfig({ SLACK_ADMIN_USERS: '@alice' })).toThrow(/^SLACK_ADMIN_USERS must be Slack user ids/);
  });
});
