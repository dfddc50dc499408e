import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Pacer, slackLanes, type Lane } from '../../src/adapters/pacer.js';

/** Calls through one pacer on vitest's fake clock; each records when it was let through. */
function paced() {
  const pacer = new Pacer();
  const t0 = Date.now();
  const starts: number[] = [];
  const call = async (lanes: readonly Lane[]): Promise<void> => {
    await pacer.turn(lanes);
    starts.push(Date.now() - t0);
  };
  return { call, starts };
}

describe("the posters' pacing", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('Slack: posts in different channels go at once; a second message in one channel waits a second', async () => {
    const { call, starts } = paced();
    const calls = Promise.all([...['C1', 'C2', 'C3'].map((channel) => call(slackLanes('chat.postMessage', channel))), call(slackLanes('chat.postMessage', 'C1'))]);
    await vi.runAllTimersAsync();
    await calls;
    expect(starts).toEqual([0, 0, 0, 1_000]);
  });

  it('Slack: a Tier 3 method is spaced across the workspace, whatever the channel', async () => {
    const { call, starts } = paced();
    const calls = Promise.all(['C1', 'C2', 'C3'].map((channel) => call(slackLanes('chat.update', channel))));
    await vi.runAllTimersAsync();
    await calls;
    expect(starts).toEqual([0, 1_200, 2_400]);
  });

  it('one lane for the whole bot spreads a burst evenly instead of sending it at once', async () => {
    const { call, starts } = paced();
    const calls = Promise.all(Array.from({ length: 5 }, () => call([['global', 2]])));
    await vi.runAllTimersAsync();
    await calls;
    expect(starts).toEqual([0, 2, 4, 6, 8]);
  });

  it('after the event loop was held up only 50 ms of the backlog rushes out; then the calls are spaced again', async () => {
    vi.useRealTimers();
    // A clock the test moves: a sleep ends when the test lets it, at its target time or later if the clock jumped past it.
    let now = 0;
    const sleeping: Array<() => void> = [];
    const pacer = new Pacer(50, () => now, (ms) => {
      const target = now + ms;
      return new Promise<void>((resolve) =>
        sleeping.push(() => {
          now = Math.max(now, target);
          resolve();
        }),
      );
    });
    const starts: number[] = [];
    let done = 0;
    for (let i = 0; i < 9; i += 1) void pacer.turn([['global', 10]]).then(() => starts.push(now) && (done += 1));
    const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
    // The first call goes, the second sleeps until 10, seven queue behind it; then the loop is held up until 100.
    await settle();
    now = 100;
    while (done < 9) {
      sleeping.shift()?.();
      await settle();
    }
    expect(starts).toEqual([0, 100, 100, 100, 100, 100, 100, 100, 110]);
  });
});
