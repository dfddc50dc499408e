import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REST } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerCommands } from '../../src/adapters/discord/register-commands.js';
import { restOptions } from '../../src/adapters/discord/rest-options.js';
import { createApp } from '../../src/app.js';
import { createLogger } from '../../src/log.js';
import { FakeDiscord } from '../fakes/fake-discord.js';
import { FakeSlack } from '../fakes/fake-slack.js';
import { blockActions, slashCommand } from '../fakes/slack-payloads.js';
import { startBot } from '../support/bot-process.js';

/** Child processes load discord.js and Bolt and compile TypeScript: a safety net, not an assertion. */
const childTimeoutMs = 120_000;

/** Shaped like the real thing, so a leak would look like one: Discord's three dot-separated parts, Slack's prefixes. */
const secrets = {
  discordToken: 'MTI4NzQ1NjE5ODc2NTQzMjEw.GxYz9Q.f3Kq8w2LrT5vN0pJ7cY4hB1mD6sZ9aE3uI0oPw',
  slackBot: 'xoxb-2718281828-3141592653589-Zq8RtY3uIo0PaS5dF7gH9jKl',
  slackApp: 'xapp-1-A06AB3CD4EF-6022140857123-9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
  signing: '8f14e45fceea167a5a36dedd4bea2543',
};

describe('logs at debug level carry no token or secret', () => {
  let discord: FakeDiscord;
  let slack: FakeSlack;
  let dir: string;
  beforeAll(async () => {
    discord = await FakeDiscord.start({ token: secrets.discordToken });
    slack = await FakeSlack.start({
      botToken: secrets.slackBot,
      appToken: secrets.slackApp,
      teamId: 'T0ACME',
      users: [
        { id: 'UADMIN', teamId: 'T0ACME', name: 'ada', isAdmin: true },
        { id: 'UALICE', teamId: 'T0ACME', name: 'alice' },
      ],
      channels: [{ id: 'CSTUDY', name: 'study', isMember: true }],
    });
    dir = mkdtempSync(join(tmpdir(), 'cloudstudy-logs-'));
  });
  afterAll(async () => {
    await discord?.stop();
    await slack?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('start-up, commands, presses, failed calls and shutdown on Discord and Slack', async () => {
    const guild = discord.addGuild('Study Group', ['general', 'quiz']);
    const seed = createApp({ databasePath: join(dir, 'bot.db'), log: createLogger('silent') });
    await registerCommands({ rest: new REST(restOptions(discord.apiUrl)).setToken(discord.token), specs: seed.bot.specs, guildId: guild.id });
    seed.close();

    const bot = startBot({
      DATABASE_PATH: join(dir, 'bot.db'),
      LOG_LEVEL: 'debug',
      DISCORD_TOKEN: secrets.discordToken,
      DISCORD_API_URL: discord.apiUrl,
      SLACK_BOT_TOKEN: secrets.slackBot,
      SLACK_APP_TOKEN: secrets.slackApp,
      SLACK_SIGNING_SECRET: secrets.signing,
      SLACK_API_URL: slack.apiUrl,
    });
    try {
      await discord.whenIdentified(childTimeoutMs);
      await slack.socketConnected();
      await bot.logged(/"msg":"ready"/);

      // Discord: a command, a question, a press, an admin command, and a reply Discord refuses with a 500.
      const member = discord.member('alice');
      const admin = discord.member('ada', { admin: true });
      await discord.slashCommand({ guild, member, name: 'explain', options: { topic: 'lambda' } }).reply();
      const question = await discord.slashCommand({ guild, member, name: 'quiz', options: { topic: 'ecs' } }).reply();
      await discord.press({ member, messageId: question.id, customId: question.buttons[0]?.customId ?? question.select!.customId, ...(question.select ? { values: ['0', '1'] } : {}) }).reply();
      await discord.slashCommand({ guild, member: admin, name: 'daily', sub: 'set', options: { channel: guild.channels.quiz!, time: '09:00' } }).reply();
      discord.fail({ method: 'POST', path: /\/callback$/, status: 500, times: 3 });
      const failed = discord.slashCommand({ guild, member, name: 'help' });
      await bot.logged(new RegExp(`"interaction":"${failed.id}"`));

      // Slack: commands, a press, and calls Slack refuses.
      await slack.sendEnvelope('slash_commands', slashCommand({ teamId: 'T0ACME', userId: 'UALICE' }, '/help', '', slack.responseUrl()));
      const quiz = await slack.sendEnvelope('slash_commands', slashCommand({ teamId: 'T0ACME', userId: 'UALICE' }, '/quiz', 'ecs', slack.responseUrl()));
      const answer = JSON.stringify(quiz.payload).match(/"(ans:\d+:0)"/)?.[1] ?? 'exp:lambda';
      await slack.sendEnvelope('interactive', blockActions({ teamId: 'T0ACME', userId: 'UALICE' }, { actionId: answer }, slack.responseUrl()));
      slack.failNext('users.info', { error: 'ratelimited' });
      slack.failNext('conversations.info', { error: 'internal_error' });
      await slack.sendEnvelope('slash_commands', slashCommand({ teamId: 'T0ACME', userId: 'UADMIN' }, '/daily', 'set <#CSTUDY|study> 09:00', slack.responseUrl()));
      await slack.sendEnvelope('slash_commands', slashCommand({ teamId: 'T0ACME', userId: 'UADMIN' }, '/daily', 'set <#CSTUDY|study> 09:00', slack.responseUrl()));
      await bot.logged(/users\.info failed/);
    } finally {
      bot.child.kill('SIGTERM');
    }
    const exit = await bot.exited;
    expect(exit.code).toBe(0);

    const log = exit.stderr;
    // The run really logged at debug level, from both adapters and Bolt.
    expect(log).toMatch(/"level":20/);
    expect(log).toMatch(/"adapter":"discord"/);
    expect(log).toMatch(/"component":"slack"/);
    for (const [name, value] of Object.entries(secrets)) expect(log.includes(value), `${name} appears in the log`).toBe(false);
    // Nor a part of one long enough to use (the signature part of the Discord token, the random part of Slack's).
    expect(log).not.toContain(secrets.discordToken.split('.')[2]);
    expect(log).not.toContain(secrets.slackBot.split('-').pop());
    // Interaction tokens let anyone answer as the bot for 15 minutes; a Slack response_url lets anyone
    // post as the app for 30; the payload's verification token and the Socket Mode ticket are credentials too.
    expect(log).not.toContain('itoken-');
    expect(log).not.toMatch(/\/response\/r\d/);
    expect(log).not.toContain('verification-token-unused');
    expect(log).not.toMatch(/ticket=(?!\[redacted\])/);
    // Bolt's debug lines were there to scrub: the payloads were logged, with the secrets masked.
    expect(log).toMatch(/\\"response_url\\":\\"\[redacted\]\\"/);
  }, childTimeoutMs);
});
