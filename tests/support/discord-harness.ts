import { REST } from 'discord.js';
import { DiscordAdapter, type DiscordAdapterOptions } from '../../src/adapters/discord/discord-adapter.js';
import { registerCommands } from '../../src/adapters/discord/register-commands.js';
import { restOptions } from '../../src/adapters/discord/rest-options.js';
import type { Bot } from '../../src/core/bot.js';
import { createLogger, type Logger } from '../../src/log.js';
import { FakeDiscord, type FakeGuildHandle } from '../fakes/fake-discord.js';
import { createTestApp, type TestApp } from './test-app.js';

export interface DiscordHarness {
  app: TestApp;
  fake: FakeDiscord;
  adapter: DiscordAdapter;
  guild: FakeGuildHandle;
  /** A second server the bot is in, for cross-server presses. */
  otherGuild: FakeGuildHandle;
  stop(): Promise<void>;
}

export interface HarnessOptions {
  app?: TestApp;
  /** Wraps the app's bot, e.g. to make it slow. */
  bot?: (bot: Bot) => Bot;
  adapter?: Partial<Pick<DiscordAdapterOptions, 'deferAfterMs' | 'rest'>> & { ops?: NonNullable<DiscordAdapterOptions['interactions']>['ops'] };
  /** Where the adapter logs; silent unless TEST_LOG_LEVEL says otherwise. */
  log?: Logger;
  /** Run the Discord adapter as an interactions endpoint: the fake POSTs signed interactions to it instead of using the gateway. */
  http?: boolean;
  /** The fake's rate limits, shards… */
  fake?: Parameters<typeof FakeDiscord.start>[0];
}

/**
 * A real app on a real SQLite file, the fake Discord, the commands registered with it as
 * `npm run discord:register` would, and the real discord.js client logged in and ready.
 */
export async function startDiscordHarness(options: HarnessOptions = {}): Promise<DiscordHarness> {
  const app = options.app ?? createTestApp();
  const fake = await FakeDiscord.start(options.fake);
  const guild = fake.addGuild('Study Group', ['general', 'quiz', 'announcements']);
  const otherGuild = fake.addGuild('Other Server', ['general']);
  const rest = new REST(restOptions(fake.apiUrl)).setToken(fake.token);
  await registerCommands({ rest, specs: app.bot.specs, guildId: guild.id });
  await registerCommands({ rest, specs: app.bot.specs, guildId: otherGuild.id });
  const { ops, ...tuning } = options.adapter ?? {};
  const adapter = new DiscordAdapter({
    bot: options.bot ? options.bot(app.bot) : app.bot,
    topics: (query, limit) => app.library.index.autocomplete(query, limit),
    token: fake.token,
    apiUrl: fake.apiUrl,
    log: options.log ?? createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'),
    ...tuning,
    ...(options.http ? { interactions: { publicKey: fake.http.publicKey, port: 0, host: '127.0.0.1', ops } } : {}),
  });
  await adapter.start();
  if (options.http) fake.useEndpoints([`http://127.0.0.1:${adapter.interactionsPort}/interactions`]);
  return {
    app,
    fake,
    adapter,
    guild,
    otherGuild,
    async stop() {
      await adapter.stop();
      await fake.stop();
      app.dispose();
    },
  };
}
