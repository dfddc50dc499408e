import { REST, Routes } from 'discord.js';
import { join } from 'node:path';
import { registerCommands } from '../src/adapters/discord/register-commands.js';
import { renderMessage } from '../src/adapters/discord/render.js';
import { restOptions } from '../src/adapters/discord/rest-options.js';
import { createApp } from '../src/app.js';
import { answerAction } from '../src/core/actions.js';
import { commandTable } from '../src/core/commands/table.js';
import { questionReply } from '../src/core/render/question.js';
import { createLogger } from '../src/log.js';
import { FakeDiscord, type FakeGuildHandle, type FakeInteraction, type FakeMember } from '../tests/fakes/fake-discord.js';
import { progress, summarize, type Summary } from './measure.js';
import type { BotProcess } from '../tests/support/bot-process.js';
import { startBuiltBot, startFloor } from './node-process.js';

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

/** A fake Discord with one server, the bot's commands registered in it, and the question's message in #quiz. */
async function fakeServer(name: string, questionMessage: (guildId: string) => object): Promise<{ fake: FakeDiscord; guild: FakeGuildHandle; questionMessageId: string }> {
  const fake = await FakeDiscord.start();
  const guild = fake.addGuild(name, ['general', 'quiz']);
  const rest = new REST(restOptions(fake.apiUrl)).setToken(fake.token);
  await registerCommands({ rest, specs: commandTable().map((c) => c.spec), guildId: guild.id });
  const posted = (await rest.post(Routes.channelMessages(guild.channels.quiz!), { body: questionMessage(guild.id) })) as { id: string };
  return { fake, guild, questionMessageId: posted.id };
}

/** The bot as `npm start` runs it, in its own process, on a fresh SQLite file holding today's daily question. */
async function botSide(dir: string): Promise<Side> {
  const databasePath = join(dir, 'e2e.db');
  const app = createApp({ databasePath, log: createLogger('silent') });
  let postId = 0;
  let choices = 0;
  let server: Awaited<ReturnType<typeof fakeServer>>;
  try {
    server = await fakeServer('Bench guild', (guildId) => {
      // Today's daily question, as the scheduler would have claimed and posted it.
      const now = app.clock.now();
      const item = app.library.items.find((i) => i.answer.length === 1)!;
      const post = app.store.write(() => {
        const community = app.store.communities.ensure({ platform: 'discord', externalId: guildId, name: 'Bench guild' }, now);
        return app.store.posts.create({ communityId: community.id, kind: 'daily', itemId: item.id, localDay: '2026-11-22', opensAt: now, closesAt: now + 86_400_000 }, now);
      });
      postId = post.id;
      choices = item.choices.length;
      const { content, ...rest } = renderMessage(questionReply(item, post, app.library, { visibility: 'public', header: 'Daily quiz' }), { notify: true });
      return content ? { content, ...rest } : rest;
    });
  } finally {
    app.close();
  }
  const { fake } = server;
  let bot: BotProcess;
  try {
    ({ bot } = await startBuiltBot({ DATABASE_PATH: databasePath, DISCORD_TOKEN: fake.token, DISCORD_API_URL: fake.apiUrl }, false));
  } catch (error) {
    await fake.stop();
    throw error;
  }
  return {
    ...server,
    customId: (i) => `${answerAction(postId)}:${i % choices}`,
    async stop() {
      await bot.kill('SIGTERM');
      await fake.stop();
    },
  };
}

/** The floor: a bare discord.js client in its own process (bench/floor-client.ts) that answers with a constant. */
async function floorSide(): Promise<Side> {
  const server = await fakeServer('Floor guild', () => ({ content: 'Q', components: [{ type: 1, components: [{ type: 2, style: 2, label: 'A', custom_id: 'x:0' }] }] }));
  const { fake } = server;
  let floor: BotProcess;
  try {
    floor = await startFloor({ DISCORD_TOKEN: fake.token, DISCORD_API_URL: fake.apiUrl });
  } catch (error) {
    await fake.stop();
    throw error;
  }
  return {
    ...server,
    customId: () => 'x:0',
    async stop() {
      await floor.kill('SIGTERM');
      await fake.stop();
    },
  };
}

/** Dispatch to callback, as the fake timed it; then the fake forgets the interaction. */
async function measure(fake: FakeDiscord, interaction: FakeInteraction): Promise<number> {
  await interaction.response();
  const { dispatchedAt, callbackAt } = interaction.record;
  if (dispatchedAt === undefined || callbackAt === undefined) throw new Error('fake discord did not time the interaction');
  fake.forget(interaction);
  return callbackAt - dispatchedAt;
}


export interface EndToEnd {
  bot: Summary;
  floor: Summary;
  /** The same split into slash commands and button presses. */
  byKind: Record<'bot_slash' | 'bot_press' | 'floor_slash' | 'floor_press', Summary>;
}

/**
 * 2,000 slash commands and 2,000 button presses through the real discord.js client, timed
 * by the fake from the gateway dispatch to the interaction callback arriving at its REST
 * API, beside the same for a bare client that replies with a constant. The bot and the
 * floor each run in a process of their own, as the bot does in production, so neither's
 * garbage collection lands on the other's timings; the fakes share this process.
 */
export async function discordEndToEnd(
  dir: string,
  n: number,
  /** Untimed rounds per side first (each a slash command and a press). */
  warmUp = 500,
): Promise<EndToEnd> {
  const bot = await botSide(dir);
  let floor: Side;
  try {
    floor = await floorSide();
  } catch (error) {
    await bot.stop();
    throw error;
  }
  const samples = { bot_slash: [] as number[], bot_press: [] as number[], floor_slash: [] as number[], floor_press: [] as number[] };
  /** One slash command and one press on a side, each by member i (a member answers once). */
  const pair = async (side: Side, member: FakeMember, i: number): Promise<[number, number]> => {
    const command = slashCommands[i % slashCommands.length]!;
    const options = command.options ? { options: command.options } : {};
    const slash = await measure(side.fake, side.fake.slashCommand({ guild: side.guild, channel: side.guild.channels.general, member, name: command.name, ...options }));
    return [slash, await measure(side.fake, side.fake.press({ member, messageId: side.questionMessageId, customId: side.customId(i) }))];
  };
  try {
    // Untimed warm-up on both sides: a fresh process compiles its hot paths on first use,
    // which a bot serving a server all day has long done.
    for (const side of [floor, bot]) for (let i = 0; i < warmUp; i++) await pair(side, side.fake.member(`warm${i}`), i);
    // Bot and floor take turns, interaction by interaction, so a noisy moment falls on both alike.
    const members = new Map<Side, FakeMember[]>();
    for (const side of [bot, floor]) members.set(side, Array.from({ length: n }, (_, i) => side.fake.member(`member${i}`)));
    for (let i = 0; i < n; i++) {
      for (const [name, side] of [['floor', floor], ['bot', bot]] as const) {
        const [slash, press] = await pair(side, members.get(side)![i]!, i);
        samples[`${name}_slash`].push(slash);
        samples[`${name}_press`].push(press);
      }
      if ((i + 1) % 500 === 0) progress(`  e2e: ${i + 1}/${n} commands and presses each`);
    }
  } finally {
    await bot.stop();
    await floor.stop();
  }
  const byKind = {
    bot_slash: summarize(samples.bot_slash),
    bot_press: summarize(samples.bot_press),
    floor_slash: summarize(samples.floor_slash),
    floor_press: summarize(samples.floor_press),
  };
  return { bot: summarize([...samples.bot_slash, ...samples.bot_press]), floor: summarize([...samples.floor_slash, ...samples.floor_press]), byKind };
}
