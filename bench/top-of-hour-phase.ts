import { join } from 'node:path';
import { createApp } from '../src/app.js';
import { createLogger } from '../src/log.js';
import { FakeDiscord } from '../tests/fakes/fake-discord.js';
import type { RestCall } from '../tests/fakes/fake-discord-state.js';
import { startNode } from '../tests/support/bot-process.js';
import { startCommand } from './node-process.js';

/** Zones that share one UTC minute at different local times, as 09:00 does around the world. */
const zones = ['UTC', 'Europe/London', 'Europe/Paris', 'Europe/Helsinki', 'Asia/Kolkata', 'Asia/Tokyo', 'Australia/Sydney', 'America/New_York', 'America/Chicago', 'America/Los_Angeles', 'America/Sao_Paulo', 'Asia/Singapore'];

export interface TopOfHourResult {
  communities: number;
  ratePerSecond: number;
  /** The least time the global limit allows for every post: communities / rate. */
  floorS: number;
  /** From the moment the posts fell due to the last post the fake accepted. */
  lastPostS: number;
  vsFloor: number;
  /** 429s the fake sent (global or a route's bucket). */
  rateLimited: number;
  duplicates: number;
  lost: number;
}

/**
 * The top of the hour: `communities` Discord servers whose daily posts fall due in the same
 * minute (in a dozen time zones), posted by the bot as `npm start` runs it (in the
 * interactions-endpoint mode, so no gateway session has to load 10,000 servers), through a
 * fake Discord enforcing a global limit of `ratePerSecond` and Discord's per-channel message
 * buckets. `due: 'next-minute'` sets the schedules for the next whole minute at least 10 s
 * away and measures from that minute; `'started'` (the smoke test) sets them for the minute
 * already under way, so they are due as the bot starts, and measures from its 'ready'.
 */
export async function topOfHour(dir: string, communities: number, ratePerSecond: number, due: 'next-minute' | 'started' = 'next-minute'): Promise<TopOfHourResult> {
  const fake = await FakeDiscord.start({ limits: { globalPerSecond: ratePerSecond, route: { limit: 5, windowMs: 5_000 } } });
  const channels: string[] = [];
  for (let i = 0; i < communities; i += 1) channels.push(fake.addGuild(`Community ${i}`, ['quiz']).channels.quiz!);
  const now = Date.now();
  const dueAt = due === 'next-minute' ? Math.ceil((now + 10_000) / 60_000) * 60_000 : Math.floor(now / 60_000) * 60_000;
  const databasePath = join(dir, 'top-of-hour.db');
  seed(databasePath, fake, channels, dueAt);

  const { flags, script } = startCommand();
  const bot = startNode([...flags, script], {
    DISCORD_TOKEN: fake.token,
    DISCORD_API_URL: fake.apiUrl,
    DISCORD_PUBLIC_KEY: fake.http.publicKey,
    DISCORD_INTERACTIONS_PORT: '0',
    DISCORD_REQUESTS_PER_SECOND: String(ratePerSecond),
    DATABASE_PATH: databasePath,
    LOG_LEVEL: 'info',
  });
  try {
    await bot.logged(/"ready"/);
    const startedAt = due === 'next-minute' ? dueAt : Date.now();
    const floorS = communities / ratePerSecond;
    const posts = await waitForPosts(fake, new Set(channels), Math.max(dueAt, Date.now()) + (floorS * 4 + 30) * 1000);
    const lastPostS = (Math.max(...posts.map((c) => c.at)) - startedAt) / 1000;
    const perChannel = new Map<string, number>();
    for (const call of posts) perChannel.set(channelOf(call)!, (perChannel.get(channelOf(call)!) ?? 0) + 1);
    return {
      communities,
      ratePerSecond,
      floorS,
      lastPostS,
      vsFloor: lastPostS / floorS,
      rateLimited: fake.state.limits?.refusals.length ?? 0,
      duplicates: [...perChannel.values()].filter((n) => n > 1).length,
      lost: channels.filter((c) => !perChannel.has(c)).length,
    };
  } finally {
    await bot.kill('SIGTERM');
    await fake.stop();
  }
}

/** One community per fake server, each with a daily schedule at the local time `dueAt` is in its zone. */
function seed(databasePath: string, fake: FakeDiscord, channels: string[], dueAt: number): void {
  const app = createApp({ databasePath, log: createLogger('silent') });
  try {
    const guilds = [...fake.state.guilds.values()];
    app.store.write(() => {
      guilds.forEach((guild, i) => {
        const timeZone = zones[i % zones.length]!;
        const community = app.store.communities.ensure({ platform: 'discord', externalId: guild.id, name: guild.name }, dueAt - 120_000);
        const localTime = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(dueAt);
        app.store.schedules.set({ communityId: community.id, channelId: channels[i]!, channelName: 'quiz', localTime, timeZone, days: [1, 2, 3, 4, 5, 6, 7], closeAfterMinutes: 120 }, dueAt - 60_000);
      });
    });
  } finally {
    app.close();
  }
}

function channelOf(call: RestCall): string | undefined {
  return call.method === 'POST' && call.status === 200 ? /^\/channels\/(\d+)\/messages$/.exec(call.path)?.[1] : undefined;
}

/**
 * The posts the fake accepted, once every channel has one (and two more seconds, so a
 * duplicate on its way is counted too) or the deadline passes.
 */
async function waitForPosts(fake: FakeDiscord, channels: Set<string>, deadline: number): Promise<RestCall[]> {
  const posts: RestCall[] = [];
  const reached = new Set<string>();
  let seen = 0;
  const collect = (): void => {
    const calls = fake.state.calls;
    for (; seen < calls.length; seen += 1) {
      const channel = channelOf(calls[seen]!);
      if (channel === undefined || !channels.has(channel)) continue;
      posts.push(calls[seen]!);
      reached.add(channel);
    }
  };
  while (Date.now() < deadline && reached.size < channels.size) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    collect();
  }
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  collect();
  return posts;
}
