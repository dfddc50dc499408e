import { Client, Events, GatewayIntentBits, MessageFlags } from 'discord.js';
import { restOptions } from '../src/adapters/discord/rest-options.js';

/**
 * The end-to-end floor: a bare discord.js client, alone in its process as the bot is, that
 * answers every interaction with a constant. Started by bench/discord-phase.ts.
 */
const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: restOptions(process.env.DISCORD_API_URL) });
client.on(Events.InteractionCreate, (interaction) => {
  if (interaction.isRepliable()) void interaction.reply({ content: 'ok', flags: MessageFlags.Ephemeral }).catch(() => undefined);
});
client.once(Events.ClientReady, () => process.stderr.write('floor ready\n'));
process.once('SIGTERM', () => void client.destroy().finally(() => process.exit(0)));
await client.login(process.env.DISCORD_TOKEN);
