import { describe, expect, it } from 'vitest';
import { SeenRequests } from '../../src/adapters/slack/seen-requests.js';

const body = (n: number): Buffer => Buffer.from(`trigger_id=${n}`);
const t0 = 1_800_000_000;

describe('the replay table', () => {
  it('knows a body again only while its signature is valid, then forgets it', () => {
    const seen = new SeenRequests();
    expect(seen.remember(body(1), t0, t0 * 1000)).toBe('new');
    expect(seen.remember(body(1), t0 + 1, (t0 + 299) * 1000)).toBe('seen');
    expect(seen.remember(body(2), t0 + 301, (t0 + 301) * 1000)).toBe('new');
    // body(1)'s five minutes are over: it was dropped, so the table does not grow for ever.
    expect(seen.size).toBe(1);
  });

  it('stays within its bound: when full of live entries it refuses rather than forget one', () => {
    const seen = new SeenRequests(3);
    for (let i = 0; i < 3; i += 1) expect(seen.remember(body(i), t0, t0 * 1000)).toBe('new');
    expect(seen.remember(body(3), t0, t0 * 1000)).toBe('full');
    expect(seen.remember(body(0), t0, t0 * 1000)).toBe('seen');
    expect(seen.remember(body(3), t0 + 300, (t0 + 301) * 1000)).toBe('new');
    expect(seen.size).toBe(1);
  });
});
