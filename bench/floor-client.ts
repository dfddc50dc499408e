import Database from 'better-sqlite3';
import { Client, Events, GatewayIntentBits, MessageFlags } from 'discord.js';
import { restOptions } from '../src/adapters/discord/rest-options.js';

/**
 * The end-to-end floors: a bare discord.js client, alone in its process as the bot is, that
 * answers every interaction with a constant. Started by bench/discord-phase.ts.
 *
 * With FLOOR_DB set it is the durable floor: a button press is first recorded with one
 * insert into a SQLite file at the bot's durability (WAL, synchronous = FULL) and answered
 * after the commit, so a ratio against it measures what the bot adds beyond the fsync it
 * has chosen to wait for.
 */
const record = durableRecorder(process.env.FLOOR_DB);
const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: restOptions(process.env.DISCORD_API_URL) });
client.on(Events.InteractionCreate, (interaction) => {
  if (!interaction.isRepliable()) return;
  if (interaction.isMessageComponent()) record?.(interaction.user.id, interaction.customId);
  void interaction.reply({ content: 'ok', flags: MessageFlags.Ephemeral }).catch(() => undefined);
});
client.once(Events.ClientReady, () => process.stderr.write('floor ready\n'));
process.once('SIGTERM', () => void client.destroy().finally(() => process.exit(0)));
await client.login(process.env.DISCORD_TOKEN);

function durableRecorder(path: string | undefined): ((member: string, choice: string) => void) | undefined {
  if (!path) return undefined;
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('CREATE TABLE IF NOT EXISTS presses (id INTEGER PRIMARY KEY, member TEXT NOT NULL, choice TEXT NOT NULL, at INTEGER NOT NULL)');
  const insert = db.prepare('INSERT INTO presses (member, choice, at) VALUES (?, ?, ?)');
  return (member, choice) => void insert.run(member, choice, Date.now());
}
