import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { REST } from 'discord.js';
import { createApp } from '../app.js';
import { registerCommands } from '../adapters/discord/register-commands.js';
import { restOptions } from '../adapters/discord/rest-options.js';
import { ConfigError, parseConfig } from '../config.js';
import { createLogger } from '../log.js';

/**
 * `npm run discord:register [-- --clear]`: registers the slash commands generated from the
 * command table, globally or, with DISCORD_GUILD_ID, to one server; --clear removes them.
 */
async function main(): Promise<void> {
  const { clear } = parseArgs({ options: { clear: { type: 'boolean', default: false } } }).values;
  if (existsSync('.env')) process.loadEnvFile('.env');
  const config = parseConfig(process.env);
  if (!config.DISCORD_TOKEN) throw new ConfigError('DISCORD_TOKEN must be set to register the commands (the bot token from the Developer Portal)');
  // The command table is the one the running bot uses; an in-memory database is enough to build it.
  const app = createApp({ databasePath: ':memory:', contentDir: config.CONTENT_DIR, log: createLogger('warn') });
  const specs = app.bot.specs;
  app.close();
  const rest = new REST(restOptions(config.DISCORD_API_URL)).setToken(config.DISCORD_TOKEN);
  const result = await registerCommands({ rest, specs, applicationId: config.DISCORD_APPLICATION_ID, guildId: config.DISCORD_GUILD_ID, clear });
  const where = result.guildId ? `to server ${result.guildId}` : 'globally';
  const lines = result.commands.map((c) => {
    const subs = (c.options ?? []).filter((o) => o.type === 1).map((o) => o.name);
    const admin = c.default_member_permissions ? ' (Manage Server only)' : '';
    return `  /${c.name}${subs.length > 0 ? ` ${subs.join('|')}` : ''}${admin}`;
  });
  if (clear) process.stdout.write(`Removed every command registered ${where} for application ${result.applicationId}.\n`);
  else process.stdout.write(`Registered ${result.commands.length} commands ${where} for application ${result.applicationId}:\n${lines.join('\n')}\n`);
}

main().catch((error: unknown) => {
  const message = error instanceof ConfigError ? error.message : error instanceof Error ? error.message : String(error);
  process.stderr.write(`discord:register failed: ${message}\n`);
  process.exit(1);
});
