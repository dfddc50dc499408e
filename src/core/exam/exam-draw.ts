import type { QuizItem } from '../content/schema.js';
import type { Library } from '../library.js';

/**
 * Seats per topic by largest remainder: each topic gets the whole part of its share of
 * `total`, and the seats left go to the largest fractions. A topic never gets more than it
 * has items; what it cannot take is shared among the others by their weights.
 */
export function apportion(total: number, shares: ReadonlyMap<string, number>, capacity: ReadonlyMap<string, number>): Map<string, number> {
  const seats = new Map([...shares.keys()].map((t) => [t, 0]));
  const room = (t: string): number => (capacity.get(t) ?? 0) - (seats.get(t) ?? 0);
  let left = Math.min(total, [...shares.keys()].reduce((n, t) => n + (capacity.get(t) ?? 0), 0));
  while (left > 0) {
    const open = [...shares.keys()].filter((t) => room(t) > 0);
    const weightOf = (t: string): number => shares.get(t) ?? 0;
    const sum = open.reduce((n, t) => n + weightOf(t), 0);
    // Topics the blueprint gives no weight still fill seats no weighted topic can.
    const quota = new Map(open.map((t) => [t, sum > 0 ? (left * weightOf(t)) / sum : left / open.length]));
    let placed = 0;
    for (const t of open) {
      const whole = Math.min(Math.floor(quota.get(t) ?? 0), room(t));
      seats.set(t, (seats.get(t) ?? 0) + whole);
      placed += whole;
    }
    left -= placed;
    const byRemainder = open
      .filter((t) => room(t) > 0)
      .sort((x, y) => {
        const fx = (quota.get(x) ?? 0) % 1;
        const fy = (quota.get(y) ?? 0) % 1;
        return fy - fx || weightOf(y) - weightOf(x) || x.localeCompare(y);
      });
    for (const t of byRemainder) {
      if (left === 0) break;
      seats.set(t, (seats.get(t) ?? 0) + 1);
      left -= 1;
    }
  }
  return seats;
}

export interface DrawOptions {
  count: number;
  /** Items the member has answered or met in an exam: drawn only when a topic runs out of new ones. */
  seen: ReadonlySet<string>;
  /** Items never drawn: the community's open daily questions. */
  excluded: ReadonlySet<string>;
  random: () => number;
}

/**
 * A practice exam's questions: topics in proportion to their share of the exam, unseen
 * items first within each topic, then shuffled so topics are mixed as on the real exam.
 * Choose-two items are drawn like any other.
 */
export function drawExamItems(library: Library, options: DrawOptions): QuizItem[] {
  const pools = new Map(library.topics.map((t) => [t.id, library.itemsOf(t.id).filter((i) => !options.excluded.has(i.id))]));
  const shares = new Map(library.topics.map((t) => [t.id, library.topicShare(t.id)]));
  const seats = apportion(options.count, shares, new Map([...pools].map(([t, items]) => [t, items.length])));
  const drawn: QuizItem[] = [];
  for (const [topicId, n] of seats) {
    const pool = shuffle(pools.get(topicId) ?? [], options.random);
    const ordered = [...pool.filter((i) => !options.seen.has(i.id)), ...pool.filter((i) => options.seen.has(i.id))];
    drawn.push(...ordered.slice(0, n));
  }
  return shuffle(drawn, options.random);
}

function shuffle<T>(list: readonly T[], random: () => number): T[] {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}
