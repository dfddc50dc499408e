import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../src/config.js';

describe('configuration', () => {
  it('needs nothing: the terminal bot on ./data/cloudstudy.db', () => {
    const config = parseConfig({});
    expect(config.DATABASE_PATH).toBe('./data/cloudstudy.db');
    expect(config.DISCORD_TOKEN).toBeUndefined();
    expect(config.PORT).toBe(3000);
  });

  it('treats empty values as unset', () => {
    expect(parseConfig({ DISCORD_TOKEN: '', DATABASE_PATH: '' }).DATABASE_PATH).toBe('./data/cloudstudy.db');
  });

  it('takes a signing secret of 32 hex characters, as Slack issues it', () => {
    expect(parseConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: ' 8F14E45FCEEA167A5A36DEDD4BEA2543 ' }).SLACK_SIGNING_SECRET).toBe('8F14E45FCEEA167A5A36DEDD4BEA2543');
  });

  it.each([
    [{ SLACK_BOT_TOKEN: 'abc', SLACK_APP_TOKEN: 'xapp-1' }, /^SLACK_BOT_TOKEN must be a bot token starting with xoxb-/],
    [{ SLACK_BOT_TOKEN: 'xoxb-1' }, /^SLACK_APP_TOKEN \(Socket Mode\) or SLACK_SIGNING_SECRET/],
    [{ PORT: 'eighty' }, /^PORT must be a port number/],
    [{ DISCORD_API_URL: 'not a url' }, /^DISCORD_API_URL must be an http\(s\) URL/],
    [{ LOG_LEVEL: 'loud' }, /^LOG_LEVEL /],
    [{ DEFAULT_TIME_ZONE: 'Mars/Olympus' }, /^DEFAULT_TIME_ZONE must be an IANA time zone/],
    [{ SLACK_SIGNING_SECRET: 'abc' }, /^SLACK_SIGNING_SECRET must be the 32 hex characters of the app's Signing Secret/],
    [{ SLACK_SIGNING_SECRET: '8f14e45fceea167a5a36dedd4bea254' }, /^SLACK_SIGNING_SECRET must be the 32 hex characters/],
    [{ SLACK_SIGNING_SECRET: 'zf14e45fceea167a5a36dedd4bea2543' }, /^SLACK_SIGNING_SECRET must be the 32 hex characters/],
  ])('names the variable and what it should be: %j', (env, message) => {
    expect(() => parseConfig(env)).toThrow(ConfigError);
    expect(() => parseConfig(env)).toThrow(message);
  });
});
