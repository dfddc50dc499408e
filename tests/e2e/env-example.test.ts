import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startScript } from '../support/bot-process.js';

/** Child processes compile TypeScript; on a busy machine that takes a while. A safety net, not an assertion. */
const childTimeoutMs = 90_000;

describe('cp .env.example .env, as the README says, then the scripts run', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cloudstudy-env-'));
    copyFileSync(join(process.cwd(), '.env.example'), join(dir, '.env'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('npm start answers in the terminal, npm run backup copies its database, discord:register asks only for the token', async () => {
    const bot = await startScript('src/main.ts', {}, { cwd: dir, args: ['--json'], stdin: '/help\n' }).exited;
    expect(bot.stderr).toBe('');
    expect(bot.code).toBe(0);
    expect(bot.stdout).toMatch(/\/explain <topic>/);

    // The bot made ./data/cloudstudy.db (DATABASE_PATH in the example) in that folder.
    const [backup, register] = await Promise.all([
      startScript('src/cli/backup.ts', {}, { cwd: dir, args: ['--out', join(dir, 'copy.db')] }).exited,
      startScript('src/cli/discord-register.ts', {}, { cwd: dir }).exited,
    ]);
    expect(backup.stderr).toBe('');
    expect(backup.code).toBe(0);
    expect(backup.stdout).toMatch(/^Backed up \.\/data\/cloudstudy\.db to .*copy\.db/);
    expect(register.code).toBe(1);
    expect(register.stderr).toBe('discord:register failed: DISCORD_TOKEN must be set to register the commands (the bot token from the Developer Portal)\n');
  }, childTimeoutMs);

  it('LOG_LEVEL is read whatever its case; a wrong one is refused in one readable line', async () => {
    const [upper, wrong] = await Promise.all([
      startScript('src/main.ts', { LOG_LEVEL: 'INFO' }, { cwd: dir, args: ['--json'], stdin: '/help\n' }).exited,
      startScript('src/main.ts', { LOG_LEVEL: 'loud' }, { cwd: dir, args: ['--json'], stdin: '/help\n' }).exited,
    ]);
    expect(upper.code).toBe(0);
    expect(upper.stderr).toMatch(/"level":30,.*"msg":"ready"/);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toBe('cloudstudy could not start: LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (or empty for the default)\n');
  }, childTimeoutMs);
});
