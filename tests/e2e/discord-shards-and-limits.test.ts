import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeliveryError } from '../../src/adapters/discord/discord-errors.js';
import { notice } from '../../src/core/reply.js';
import { startDiscordHarness, type DiscordHarness } from '../support/discord-harness.js';

describe('Discord gateway with shards: auto', () => {
  let h: DiscordHarness;
  beforeAll(async () => {
    // Discord recommends 2 shards and lets both identify at once (max_concurrency 2).
    h = await startDiscordHarness({ fake: { shards: 2, maxConcurrency: 2 } });
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('opens the number of shards GET /gateway/bot recommends, each identifying with its shard', async () => {
    await h.fake.waitFor(() => h.fake.shards.length === 2, 'both shards to identify');
    expect(h.fake.shards.map((s) => s.join('/')).sort()).toEqual(['0/2', '1/2']);
    expect(h.fake.state.identifies.map((d) => JSON.stringify(d.shard)).sort()).toEqual(['[0,2]', '[1,2]']);
  });

  it('answers servers on either shard', async () => {
    for (const guild of [h.guild, h.otherGuild]) {
      const reply = await h.fake.slashCommand({ guild, member: h.fake.member('sam'), name: 'explain', options: { topic: 'ecs' } }).reply();
      expect(reply.embeds[0]?.title).toContain('Amazon ECS');
    }
  });
});

describe("Discord REST within the fake's rate limits", () => {
  let h: DiscordHarness;
  const channels: string[] = [];
  beforeAll(async () => {
    h = await startDiscordHarness({ fake: { limits: { globalPerSecond: 10, route: { limit: 5, windowMs: 1000 } } }, adapter: { rest: { requestsPerSecond: 10 } } });
    const big = h.fake.addGuild('Many channels', Array.from({ length: 25 }, (_, i) => `c${i}`));
    channels.push(...Object.values(big.channels));
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('a burst of posts past the global limit all go out, queued to the limit, with no 429', async () => {
    // The client's own start-up requests (log in, commands) count too; the burst starts on fresh limits, and waits out what the start-up spent.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    h.fake.state.limits?.reset();
    const refs = await Promise.all(channels.map((channel, i) => h.adapter.post(channel, notice(`post ${i}`, 'public'))));
    expect(new Set(refs).size).toBe(channels.length);
    expect(h.fake.state.limits?.refusals).toEqual([]);
    for (const channel of channels) expect(h.fake.channelMessages(channel)).toHaveLength(1);
  });

  it("posts past a route's bucket wait for the reset the X-RateLimit headers announce, with no 429", async () => {
    const channel = channels[0]!;
    const before = h.fake.channelMessages(channel).length;
    await Promise.all(Array.from({ length: 8 }, (_, i) => h.adapter.post(channel, notice(`again ${i}`, 'public'))));
    expect(h.fake.channelMessages(channel)).toHaveLength(before + 8);
    expect(h.fake.state.limits?.refusals).toEqual([]);
  });

  it('a 429 Discord actually sends still surfaces at once with its retry-after', async () => {
    h.fake.fail({ method: 'POST', path: /^\/channels\/\d+\/messages$/, status: 429, retryAfter: 30 });
    const error = (await h.adapter.post(channels[1]!, notice('limited', 'public')).catch((e: unknown) => e)) as DeliveryError;
    expect(error).toMatchObject({ retriable: true, status: 429 });
    expect(error.retryAfterMs).toBeGreaterThanOrEqual(29_000);
  });
});
