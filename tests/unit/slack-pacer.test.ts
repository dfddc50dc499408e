import { describe, expect, it } from 'vitest';
import { SlackPacer } from '../../src/adapters/slack/slack-pacer.js';

/** A pacer on a clock the test owns: sleeping moves the clock, so the waits it asks for are read off exactly. */
function pacedWorkspace() {
  let now = 0;
  const starts: Array<{ method: string; channel: string; at: number }> = [];
  const pacer = new SlackPacer({ perChannelMs: 1_000, perMethodMs: { 'chat.update': 1_200 } }, () => now, async (ms) => {
    now += ms;
  });
  const call = async (method: string, channel: string): Promise<void> => {
    await pacer.turn(method, channel);
    starts.push({ method, channel, at: now });
  };
  return { call, starts };
}

describe("the Slack poster's pacing", () => {
  it('posts in different channels go at once; a second message in one channel waits a second', async () => {
    const { call, starts } = pacedWorkspace();
    await Promise.all(['C1', 'C2', 'C3'].map((channel) => call('chat.postMessage', channel)));
    expect(starts.map((s) => s.at)).toEqual([0, 0, 0]);
    await call('chat.postMessage', 'C1');
    expect(starts.at(-1)?.at).toBe(1_000);
  });

  it('a Tier 3 method is spaced across the workspace, whatever the channel', async () => {
    const { call, starts } = pacedWorkspace();
    for (const channel of ['C1', 'C2', 'C3']) await call('chat.update', channel);
    expect(starts.map((s) => s.at)).toEqual([0, 1_200, 2_400]);
  });
});
