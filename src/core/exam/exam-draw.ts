import type { QuizItem } from '../content/schema.js';
import type { Library } from '../library.js';

/**
 * Seats by largest remainder: each key gets the whole part of its share of `total`, and the
 * seats left go to the largest fractions (ties: the heavier key, then the order of
 * `shares`). A key never gets more than its capacity; what it cannot take is shared among
 * the others by their weights.
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
        // Equal remainders go to the heavier topic, then by the order the caller gave.
        return fy - fx || weightOf(y) - weightOf(x);
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
 * A practice exam's questions: topic groups in proportion to their share of the exam,
 * unseen items first within each topic, then shuffled so topics are mixed as on the real
 * exam. Choose-two items are drawn like any other.
 */
export function drawExamItems(library: Library, options: DrawOptions): QuizItem[] {
  const pools = new Map(library.topics.map((t) => [t.id, library.itemsOf(t.id).filter((i) => !options.excluded.has(i.id))]));
  const size = (topics: readonly { id: string }[]): number => topics.reduce((n, t) => n + (pools.get(t.id)?.length ?? 0), 0);
  const share = (topics: readonly { id: string }[]): number => topics.reduce((n, t) => n + library.topicShare(t.id), 0);
  // Two levels, so each group's count follows the blueprint's weights exactly (20 questions:
  // 9, 7 and 4), then its topics share the group's seats, ties falling at random.
  const groups = shuffle(library.groups, options.random);
  const groupSeats = apportion(options.count, new Map(groups.map((g) => [g.name, share(g.topics)])), new Map(groups.map((g) => [g.name, size(g.topics)])));
  const seats = new Map<string, number>();
  for (const group of groups) {
    const topics = shuffle(group.topics, options.random);
    const within = apportion(groupSeats.get(group.name) ?? 0, new Map(topics.map((t) => [t.id, library.topicShare(t.id)])), new Map(topics.map((t) => [t.id, pools.get(t.id)?.length ?? 0])));
    for (const [topicId, n] of within) seats.set(topicId, n);
  }
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
