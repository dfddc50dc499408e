import { Client, Events, GatewayIntentBits, MessageFlags, REST } from 'discord.js';
import { join } from 'node:path';
import { DiscordAdapter } from '../src/adapters/discord/discord-adapter.js';
import { registerCommands } from '../src/adapters/discord/register-commands.js';
import { restOptions } from '../src/adapters/discord/rest-options.js';
import { createApp } from '../src/app.js';
import { answerAction } from '../src/core/actions.js';
import { questionReply } from '../src/core/render/question.js';
import { createLogger } from '../src/log.js';
import { FakeDiscord, type FakeGuildHandle, type FakeInteraction, type FakeMember } from '../tests/fakes/fake-discord.js';
import { progress, summarize, type Summary } from './measure.js';

interface Side {
  fake: FakeDiscord;
  guild: FakeGuildHandle;
  /** A message in #quiz whose answer buttons members press. */
  questionMessageId: string;
  customId: (i: number) => string;
  stop(): Promise<void>;
}

const slashCommands: { name: string; options?: Record<string, string> }[] = [
  { name: 'explain', options: { topic: 'fargate' } },
  { name: 'explain', options: { topic: 'lambda vs batch' } },
  { name: 'explain', options: { topic: 'how much does lambda cost' } },
  { name: 'leaderboard', options: { period: 'week' } },
  { name: 'stats' },
  { name: 'topics' },
  { name: 'help' },
  { name: 'explain', options: { topic: 'private docker registry' } },
];

/** The bot: the real adapter on the real core and a fresh SQLite file. */
async function botSide(dir: string): Promise<Side> {
  const fake = await FakeDiscord.start();
  const guild = fake.addGuild('Bench guild', ['general', 'quiz']);
  const app = createApp({ databasePath: join(dir, 'e2e.db'), log: createLogger('silent') });
  await registerCommands({ rest: new REST(restOptions(fake.apiUrl)).setToken(fake.token), specs: app.bot.specs, guildId: guild.id });
  const adapter = new DiscordAdapter({
    bot: app.bot,
    topics: (q, l) => app.library.index.autocomplete(q, l),
    token: fake.token,
    apiUrl: fake.apiUrl,
    log: createLogger('silent'),
  });
  await adapter.start();
  // Today's daily question, posted through the adapter as the scheduler would.
  const now = app.clock.now();
  const community = app.store.communities.ensure({ platform: 'discord', externalId: guild.id, name: guild.name }, now);
  const item = app.library.items.find((i) => i.answer.length === 1)!;
  const post = app.store.posts.create({ communityId: community.id, kind: 'daily', itemId: item.id, channelId: guild.channels.quiz, localDay: '2026-11-22', opensAt: now, closesAt: now + 86_400_000 }, now);
  const channel = guild.channels.quiz!;
  const questionMessageId = await adapter.post(channel, questionReply(item, post, app.library, { visibility: 'public', header: 'Daily quiz' }));
  return {
    fake,
    guild,
    questionMessageId,
    customId: (i) => `${answerAction(post.id)}:${i % item.choices.length}`,
    async stop() {
      await adapter.stop();
      await fake.stop();
      app.close();
    },
  };
}

/** The floor: a bare discord.js client that answers every interaction with a constant. */
async function floorSide(): Promise<Side> {
  const fake = await FakeDiscord.start();
  const guild = fake.addGuild('Floor guild', ['general', 'quiz']);
  await registerCommands({ rest: new REST(restOptions(fake.apiUrl)).setToken(fake.token), specs: (await import('../src/core/commands/table.js')).commandTable().map((c) => c.spec), guildId: guild.id });
  const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: restOptions(fake.apiUrl) });
  client.on(Events.InteractionCreate, (interaction) => {
    if (interaction.isRepliable()) void interaction.reply({ content: 'ok', flags: MessageFlags.Ephemeral }).catch(() => undefined);
  });
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  await client.login(fake.token);
  await ready;
  const message = (await client.rest.post(`/channels/${guild.channels.quiz}/messages`, {
    body: { content: 'Q', components: [{ type: 1, components: [{ type: 2, style: 2, label: 'A', custom_id: 'x:0' }] }] },
  })) as { id: string };
  return {
    fake,
    guild,
    questionMessageId: message.id,
    customId: () => 'x:0',
    async stop() {
      await client.destroy();
      await fake.stop();
    },
  };
}

async function measure(side: Side, interaction: FakeInteraction): Promise<number> {
  await interaction.response();
  const { dispatchedAt, callbackAt } = interaction.record;
  if (dispatchedAt === undefined || callbackAt === undefined) throw new Error('fake discord did not time the interaction');
  return callbackAt - dispatchedAt;
}

/**
 * 2,000 slash commands and 2,000 button presses through the real discord.js client, timed
 * from the gateway dispatch to the interaction callback arriving at the fake REST API,
 * beside the same for a bare client that replies with a constant. Bot and floor alternate
 * in blocks so machine noise falls on both alike.
 */
export async function discordEndToEnd(dir: string, n: number): Promise<{ bot: Summary; floor: Summary }> {
  const bot = await botSide(dir);
  const floor = await floorSide();
  const samples = { bot: [] as number[], floor: [] as number[] };
  const members = new Map<Side, FakeMember[]>();
  for (const side of [bot, floor]) members.set(side, Array.from({ length: n }, (_, i) => side.fake.member(`member${i}`)));
  // Bot and floor alternate every few interactions, so a noisy moment falls on both alike.
  const block = 5;
  try {
    for (let start = 0; start < n; start += block) {
      for (const [name, side] of [['floor', floor], ['bot', bot]] as const) {
        const people = members.get(side)!;
        for (let i = start; i < Math.min(n, start + block); i++) {
          const command = slashCommands[i % slashCommands.length]!;
          samples[name].push(await measure(side, side.fake.slashCommand({ guild: side.guild, channel: side.guild.channels.general, member: people[i]!, name: command.name, ...(command.options ? { options: command.options } : {}) })));
          samples[name].push(await measure(side, side.fake.press({ member: people[i]!, messageId: side.questionMessageId, customId: side.customId(i) })));
        }
      }
      if ((start + block) % 500 === 0) progress(`  e2e: ${start + block}/${n} commands and presses each`);
    }
  } finally {
    await bot.stop();
    await floor.stop();
  }
  return { bot: summarize(samples.bot), floor: summarize(samples.floor) };
}
