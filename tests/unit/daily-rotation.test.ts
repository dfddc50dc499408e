import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pickDailyItem, unmetItems } from '../../src/core/daily/rotation.js';
import { topicWeight } from '../../src/core/weak-topics.js';
import type { QuizItem } from '../../src/core/content/schema.js';
import { DailyWorld, day, seeded } from '../support/daily-world.js';
import type { TopicAccuracy } from '../../src/store/answers.js';

let world: DailyWorld;
let bank: readonly QuizItem[];
beforeAll(() => {
  world = new DailyWorld(Date.UTC(2026, 0, 5, 0, 0));
  bank = world.app.library.items;
});
afterAll(() => world.dispose());

/** Picks `n` items in a row for one channel, as the scheduler would. */
function rotate(n: number, stats: TopicAccuracy[] = [], seed = 7): QuizItem[] {
  const random = seeded(seed);
  const history: string[] = [];
  const picked: QuizItem[] = [];
  for (let i = 0; i < n; i += 1) {
    const item = pickDailyItem({ bank, history, topicStats: stats, random });
    history.push(item.id);
    picked.push(item);
  }
  return picked;
}

describe('rotation through the bank', () => {
  it('meets every item once before any repeats, cycle after cycle', () => {
    const picked = rotate(bank.length * 2 + 5);
    const first = picked.slice(0, bank.length).map((i) => i.id);
    const second = picked.slice(bank.length, 2 * bank.length).map((i) => i.id);
    expect(new Set(first).size).toBe(bank.length);
    expect(new Set(second).size).toBe(bank.length);
    expect(new Set(picked.slice(2 * bank.length).map((i) => i.id)).size).toBe(5);
  });

  it('mixes topics: the same topic twice in a row only when nothing else is left', () => {
    const picked = rotate(bank.length);
    let repeats = 0;
    for (let i = 1; i < picked.length; i += 1) {
      if (picked[i]!.topic !== picked[i - 1]!.topic) continue;
      repeats += 1;
      const remaining = new Set(picked.slice(i).map((p) => p.topic));
      expect(remaining.size).toBe(1);
    }
    expect(repeats).toBeLessThan(bank.length / 4);
  });

  it('an item added to the bank mid-cycle joins it; a retired one does not stall the cycle', () => {
    const [a, b, c] = bank as [QuizItem, QuizItem, QuizItem];
    expect(unmetItems([a, b], [a.id]).map((i) => i.id)).toEqual([b.id]);
    expect(unmetItems([a, b, c], [a.id, b.id]).map((i) => i.id)).toEqual([c.id]);
    // b retired: a alone completes the cycle, so everything is unmet again.
    expect(unmetItems([a, c], [a.id, 'retired-item', c.id]).map((i) => i.id)).toEqual([a.id, c.id]);
  });

  it('leans toward topics the community gets wrong', () => {
    const topics = [...new Set(bank.map((i) => i.topic))];
    const weak = topics[0]!;
    const stats: TopicAccuracy[] = topics.map((t) => (t === weak ? { topicId: t, answered: 40, correct: 4 } : { topicId: t, answered: 40, correct: 36 }));
    expect(topicWeight(stats[0])).toBeGreaterThan(2 * topicWeight(stats[1]));
    const share = (s: TopicAccuracy[]): number => {
      let hits = 0;
      for (let seed = 1; seed <= 400; seed += 1) if (rotate(1, s, seed)[0]!.topic === weak) hits += 1;
      return hits / 400;
    };
    const uniform = bank.filter((i) => i.topic === weak).length / bank.length;
    expect(share([])).toBeLessThan(uniform * 1.6);
    expect(share(stats)).toBeGreaterThan(uniform * 2);
  });
});

describe('rotation per channel in the scheduler', () => {
  it('two channels each meet the whole bank without repeats over its length in days', async () => {
    const w = new DailyWorld(Date.UTC(2026, 0, 5, 0, 0), { seed: 3 });
    try {
      await w.admin('/daily set #alpha 09:00 UTC');
      await w.admin('/daily set #beta 10:00 UTC');
      await w.jump(w.app.library.items.length * day);
      for (const channel of ['alpha', 'beta']) {
        const items = w.dailyPosts().filter((p) => p.channelId === channel).map((p) => p.itemId);
        expect(items.length).toBe(w.app.library.items.length);
        expect(new Set(items).size).toBe(items.length);
      }
    } finally {
      w.dispose();
    }
  });
});
