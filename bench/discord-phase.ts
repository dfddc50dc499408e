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

/**
 * A floor: a bare discord.js client in its own process (bench/floor-client.ts) that answers
 * with a constant; given a database file, it first records each press there at the bot's
 * durability (the durable floor).
 */
async function floorSide(durableDb?: string): Promise<Side> {
  const server = await fakeServer('Floor guild', () => ({ content: 'Q', components: [{ type: 1, components: [{ type: 2, style: 2, label: 'A', custom_id: 'x:0' }] }] }));
  const { fake } = server;
  let floor: BotProcess;
  try {
    floor = await startFloor({ DISCORD_TOKEN: fake.token, DISCORD_API_URL: fake.apiUrl, ...(durableDb ? { FLOOR_DB: durableDb } : {}) });
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


type SideName = 'bot' | 'floor' | 'durable';
type Kind = 'slash' | 'press';
type Samples = Record<`${SideName}_${Kind}`, number[]>;

/** One set's p99 ratios: what each target compares. */
export interface EndToEndRatios {
  /** Slash commands: the bot against the bare floor. */
  slash_vs_floor: number;
  /** Presses: the bot against the durable floor (one insert at synchronous = FULL, then the reply). */
  press_vs_durable: number;
  /** Presses: the bot against the bare floor, which writes nothing. */
  press_vs_floor: number;
  /** Everything: the bot against the bare floor. */
  all_vs_floor: number;
}

export interface EndToEnd {
  bot: Summary;
  floor: Summary;
  /** Every sample split by side and kind, over all sets. */
  byKind: Record<`${SideName}_${Kind}`, Summary>;
  /** Each set's ratios, the median of each ratio over the sets, and its lowest and highest. */
  sets: EndToEndRatios[];
  median: EndToEndRatios;
  spread: Record<keyof EndToEndRatios, [number, number]>;
}

const emptySamples = (): Samples => ({ bot_slash: [], bot_press: [], floor_slash: [], floor_press: [], durable_slash: [], durable_press: [] });

function ratiosOf(samples: Samples): EndToEndRatios {
  const p99 = (key: keyof Samples): number => summarize(samples[key]).p99;
  return {
    slash_vs_floor: p99('bot_slash') / p99('floor_slash'),
    press_vs_durable: p99('bot_press') / p99('durable_press'),
    press_vs_floor: p99('bot_press') / p99('floor_press'),
    all_vs_floor: summarize([...samples.bot_slash, ...samples.bot_press]).p99 / summarize([...samples.floor_slash, ...samples.floor_press]).p99,
  };
}

function middle(sets: EndToEndRatios[]): { median: EndToEndRatios; spread: Record<keyof EndToEndRatios, [number, number]> } {
  const keys = Object.keys(sets[0]!) as (keyof EndToEndRatios)[];
  const sorted = (key: keyof EndToEndRatios): number[] => sets.map((s) => s[key]).sort((a, b) => a - b);
  const median = Object.fromEntries(keys.map((k) => [k, sorted(k)[Math.floor(sets.length / 2)]!])) as unknown as EndToEndRatios;
  const spread = Object.fromEntries(keys.map((k) => [k, [sorted(k)[0]!, sorted(k)[sets.length - 1]!]])) as Record<keyof EndToEndRatios, [number, number]>;
  return { median, spread };
}

/**
 * Slash commands and button presses through the real discord.js client, timed by the fake
 * from the gateway dispatch to the interaction callback arriving at its REST API, for the
 * bot and two floors: a bare client that replies with a constant, and the same client
 * recording each press with one insert at the bot's durability first. Each runs in a
 * process of its own, as the bot does in production, so none's garbage collection lands on
 * another's timings; the fakes share this process. The three take turns interaction pair by
 * interaction pair, in `sets` sets of `n` pairs each; each ratio is reported per set, and
 * the median with its spread.
 */
export async function discordEndToEnd(
  dir: string,
  n: number,
  /** Untimed rounds per side first (each a slash command and a press). */
  warmUp = 500,
  sets = 3,
): Promise<EndToEnd> {
  const started: Side[] = [];
  const sides = {} as Record<SideName, Side>;
  try {
    sides.bot = await botSide(dir);
    started.push(sides.bot);
    sides.floor = await floorSide();
    started.push(sides.floor);
    sides.durable = await floorSide(join(dir, 'durable-floor.db'));
    started.push(sides.durable);
    return await takeTurns(sides, n, warmUp, sets);
  } finally {
    for (const side of started) await side.stop();
  }
}

async function takeTurns(sides: Record<SideName, Side>, n: number, warmUp: number, sets: number): Promise<EndToEnd> {
  /** One slash command and one press on a side, each by member i (a member answers once). */
  const pair = async (side: Side, member: FakeMember, i: number): Promise<[number, number]> => {
    const command = slashCommands[i % slashCommands.length]!;
    const options = command.options ? { options: command.options } : {};
    const slash = await measure(side.fake, side.fake.slashCommand({ guild: side.guild, channel: side.guild.channels.general, member, name: command.name, ...options }));
    return [slash, await measure(side.fake, side.fake.press({ member, messageId: side.questionMessageId, customId: side.customId(i) }))];
  };
  const order: SideName[] = ['floor', 'durable', 'bot'];
  // Untimed warm-up on every side: a fresh process compiles its hot paths on first use,
  // which a bot serving a server all day has long done.
  for (const name of order) for (let i = 0; i < warmUp; i++) await pair(sides[name], sides[name].fake.member(`warm${i}`), i);
  const all = emptySamples();
  const perSet: EndToEndRatios[] = [];
  for (let s = 0; s < sets; s++) {
    const samples = emptySamples();
    for (let i = s * n; i < (s + 1) * n; i++) {
      // Rotate who goes first, so no side always follows the same one.
      for (let k = 0; k < order.length; k++) {
        const name = order[(i + k) % order.length]!;
        const [slash, press] = await pair(sides[name], sides[name].fake.member(`member${i}`), i);
        samples[`${name}_slash`].push(slash);
        samples[`${name}_press`].push(press);
      }
      if ((i + 1) % 500 === 0) progress(`  e2e: ${i + 1}/${n * sets} commands and presses each`);
    }
    perSet.push(ratiosOf(samples));
    for (const key of Object.keys(all) as (keyof Samples)[]) all[key].push(...samples[key]);
  }
  const byKind = Object.fromEntries(Object.entries(all).map(([k, v]) => [k, summarize(v)])) as EndToEnd['byKind'];
  return {
    bot: summarize([...all.bot_slash, ...all.bot_press]),
    floor: summarize([...all.floor_slash, ...all.floor_press]),
    byKind,
    sets: perSet,
    ...middle(perSet),
  };
}
