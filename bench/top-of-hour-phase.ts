import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createApp } from '../src/app.js';
import { createLogger } from '../src/log.js';
import { FakeDiscord } from '../tests/fakes/fake-discord.js';
import { startNode } from '../tests/support/bot-process.js';
import { startCommand } from './node-process.js';

/** Zones that share one UTC minute at different local times, as 09:00 does around the world. */
const zones = ['UTC', 'Europe/London', 'Europe/Paris', 'Europe/Helsinki', 'Asia/Kolkata', 'Asia/Tokyo', 'Australia/Sydney', 'America/New_York', 'America/Chicago', 'America/Los_Angeles', 'America/Sao_Paulo', 'Asia/Singapore'];

export interface TopOfHourResult {
  communities: number;
  ratePerSecond: number;
  /** The least time the global limit allows for every post: communities / rate. */
  floorS: number;
  /** From the moment the posts fell due to the last post Discord accepted. */
  lastPostS: number;
  vsFloor: number;
  posted: number;
  /** 429s the fake sent. */
  rateLimited: number;
  duplicates: number;
  lost: number;
}

/**
 * The top of the hour: `communities` Discord servers whose daily posts fall due in the same
 * minute (in a dozen time zones), posted by the bot as `npm start` runs it (interactions-endpoint
 * mode, no gateway), through a fake Discord enforcing a global limit of `ratePerSecond`.
 * `due: 'next-minute'` sets the schedules for the next whole minute at least 10 s away and
 * measures from it; `'started'` (the smoke test) sets them for the minute already under
 * way, so they are due as the bot starts, and measures from its 'ready'.
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
  const env = {
    DISCORD_TOKEN: fake.token,
    DISCORD_API_URL: fake.apiUrl,
    DISCORD_PUBLIC_KEY: fake.http.publicKey,
    DISCORD_INTERACTIONS_PORT: '0',
    DISCORD_REQUESTS_PER_SECOND: String(ratePerSecond),
    DATABASE_PATH: databasePath,
    LOG_LEVEL: 'info',
  };
  const bot = startNode([...flags, ...(process.env.BENCH_PROF ? ['--cpu-prof', '--cpu-prof-dir=/tmp/prof'] : []), script], env);
  try {
    await bot.logged(/"ready"/);
    const startedAt = due === 'next-minute' ? dueAt : Date.now();
    const floorS = communities / ratePerSecond;
    const byChannel = await waitForPosts(fake, new Set(channels), Math.max(dueAt, Date.now()) + (floorS * 4 + 30) * 1000);
    const posts = fake.state.calls.filter((c) => c.method === 'POST' && /^\/channels\/\d+\/messages$/.test(c.path) && c.status === 200);
    const lastPostS = (Math.max(...posts.map((c) => c.at)) - startedAt) / 1000;
    return {
      communities,
      ratePerSecond,
      floorS,
      lastPostS,
      vsFloor: lastPostS / floorS,
      posted: posts.length,
      rateLimited: fake.state.limits?.refusals.length ?? 0,
      duplicates: [...byChannel.values()].filter((n) => n > 1).length,
      lost: channels.filter((c) => (byChannel.get(c) ?? 0) === 0).length,
    };
  } finally {
    if (process.env.BENCH_PROF) writeFileSync(join(dir, 'bot.log'), bot.stderr());
    await bot.kill('SIGTERM');
    await fake.stop();
  }
}

/** One community per fake server, each with a daily schedule at the local time `dueAt` is in its zone. */
function seed(databasePath: string, fake: FakeDiscord, channels: string[], dueAt: number): void {
  const app = createApp({ databasePath, log: createLogger('silent') });
  try {
    const guilds = [...fake.state.guilds.values()];
    app.store.db.transaction(() => {
      guilds.forEach((guild, i) => {
        const timeZone = zones[i % zones.length]!;
        const community = app.store.communities.ensure({ platform: 'discord', externalId: guild.id, name: guild.name }, dueAt - 120_000);
        const localTime = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(dueAt);
        app.store.schedules.set({ communityId: community.id, channelId: channels[i]!, channelName: 'quiz', localTime, timeZone, days: [1, 2, 3, 4, 5, 6, 7], closeAfterMinutes: 120 }, dueAt - 60_000);
      });
    })();
  } finally {
    app.close();
  }
}

/** Counts each channel's accepted posts as they arrive, until every channel has one or the deadline passes. */
async function waitForPosts(fake: FakeDiscord, channels: Set<string>, deadline: number): Promise<Map<string, number>> {
  const byChannel = new Map<string, number>();
  let seen = 0;
  while (Date.now() < deadline) {
    const calls = fake.state.calls;
    for (; seen < calls.length; seen += 1) {
      const call = calls[seen]!;
      const channel = /^\/channels\/(\d+)\/messages$/.exec(call.path)?.[1];
      if (call.method === 'POST' && call.status === 200 && channel && channels.has(channel)) byChannel.set(channel, (byChannel.get(channel) ?? 0) + 1);
    }
    if (byChannel.size === channels.size) {
      // A little longer, so a duplicate on its way would be counted.
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      for (; seen < calls.length; seen += 1) {
        const call = calls[seen]!;
        const channel = /^\/channels\/(\d+)\/messages$/.exec(call.path)?.[1];
        if (call.method === 'POST' && call.status === 200 && channel && channels.has(channel)) byChannel.set(channel, (byChannel.get(channel) ?? 0) + 1);
      }
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return byChannel;
}
