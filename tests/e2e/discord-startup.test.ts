import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REST } from 'discord.js';
import { registerCommands } from '../../src/adapters/discord/register-commands.js';
import { restOptions } from '../../src/adapters/discord/rest-options.js';
import { parseConfig } from '../../src/config.js';
import { FakeDiscord, type FakeGuildHandle } from '../fakes/fake-discord.js';
import { startScript } from '../support/bot-process.js';
import { closedPort } from '../support/free-port.js';

/** Child processes load discord.js and compile TypeScript; on a busy machine that takes a while. Safety nets, not assertions. */
const childTimeoutMs = 90_000;

describe('Discord: npm run discord:register and npm start against the fake', () => {
  let fake: FakeDiscord;
  let guild: FakeGuildHandle;
  let dir: string;
  beforeAll(async () => {
    fake = await FakeDiscord.start();
    guild = fake.addGuild('Study Group');
    dir = mkdtempSync(join(tmpdir(), 'cloudstudy-discord-'));
  });
  afterAll(async () => {
    await fake?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  // Each child process pays for loading discord.js; independent runs go side by side.
  it('registers globally (finding the application id itself) or to one server, and prints what it registered', async () => {
    const [global, server] = await Promise.all([
      startScript('src/cli/discord-register.ts', { DISCORD_TOKEN: fake.token, DISCORD_API_URL: fake.apiUrl }).exited,
      startScript('src/cli/discord-register.ts', {
        DISCORD_TOKEN: fake.token,
        DISCORD_API_URL: `${fake.apiUrl}/`,
        DISCORD_GUILD_ID: guild.id,
        DISCORD_APPLICATION_ID: fake.applicationId,
      }).exited,
    ]);
    expect(global.stderr).toBe('');
    expect(global.code).toBe(0);
    expect(global.stdout).toContain(`Registered 11 commands globally for application ${fake.applicationId}`);
    expect(global.stdout).toContain('/daily set|pause|resume|remove|status|config (Manage Server only)');
    expect(global.stdout).toContain('/explain');
    expect(global.stdout).toContain('/readiness');
    expect(global.stdout).toContain('/exam');
    expect(fake.state.calls.filter((c) => c.method === 'GET' && c.path === '/oauth2/applications/@me')).toHaveLength(1);
    expect(fake.state.globalCommands.map((c) => c.name)).toContain('daily');
    expect(fake.state.globalCommands.every((c) => c.dm_permission === false)).toBe(true);

    expect(server.code).toBe(0);
    expect(server.stdout).toContain(`Registered 11 commands to server ${guild.id}`);
    expect(fake.state.guildCommands.get(guild.id)?.length).toBe(11);

    // --clear removes a test server's copies once the commands are global.
    const rest = new REST(restOptions(fake.apiUrl)).setToken(fake.token);
    const cleared = await registerCommands({ rest, specs: [], guildId: guild.id, clear: true });
    expect(cleared.commands).toEqual([]);
    expect(fake.state.guildCommands.get(guild.id)).toEqual([]);
  }, childTimeoutMs);

  it('says clearly when the token is missing or wrong, or the API URL is malformed', async () => {
    const [missing, wrong] = await Promise.all([
      startScript('src/cli/discord-register.ts', { DISCORD_API_URL: fake.apiUrl }).exited,
      startScript('src/cli/discord-register.ts', { DISCORD_TOKEN: 'not-the-token', DISCORD_API_URL: fake.apiUrl }).exited,
    ]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('DISCORD_TOKEN must be set');
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('401');
    expect(() => parseConfig({ DISCORD_TOKEN: 't', DISCORD_API_URL: 'ftp://example' })).toThrow(/^DISCORD_API_URL must be an http\(s\) URL/);
  }, childTimeoutMs);

  it('npm start with DISCORD_TOKEN logs in, answers a command and shuts down cleanly; a wrong token stops with one readable line', async () => {
    const wrong = startScript('src/main.ts', { DISCORD_TOKEN: 'wrong', DISCORD_API_URL: fake.apiUrl, DATABASE_PATH: join(dir, 'bad.db'), LOG_LEVEL: 'silent' }).exited;
    const bot = startScript('src/main.ts', {
      DISCORD_TOKEN: fake.token,
      DISCORD_API_URL: fake.apiUrl,
      DATABASE_PATH: join(dir, 'bot.db'),
      LOG_LEVEL: 'warn',
    });
    try {
      await fake.whenIdentified(childTimeoutMs);
      const reply = await fake.slashCommand({ guild, member: fake.member('zoe'), name: 'explain', options: { topic: 'lambda' } }).reply();
      expect(reply.embeds[0]?.title).toBe('AWS Lambda');
    } finally {
      void bot.kill('SIGTERM');
    }
    const result = await bot.exited;
    expect(result.code).toBe(0);
    expect(fake.state.identifies.map((i) => i.intents)).toEqual([1]);

    const refused = await wrong;
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe('cloudstudy could not start: DISCORD_TOKEN was refused by Discord; copy the token again from the Developer Portal (your application > Bot > Reset Token)\n');
  }, childTimeoutMs);

  it('Discord out of reach at start-up: one line naming Discord, the address and what to check, no stack', async () => {
    const apiUrl = `http://127.0.0.1:${await closedPort()}/api`;
    const result = await startScript('src/main.ts', { DISCORD_TOKEN: fake.token, DISCORD_API_URL: apiUrl, DATABASE_PATH: join(dir, 'unreachable.db') }).exited;
    expect(result.code).toBe(1);
    const lines = result.stderr.split('\n').filter((l) => l !== '' && !l.startsWith('{'));
    expect(lines).toEqual([`cloudstudy could not start: could not reach Discord at ${apiUrl} (ECONNREFUSED). Check the network connection, any proxy or firewall, and DISCORD_API_URL.`]);
  }, childTimeoutMs);
});
