import type { QuizItem } from '../src/core/content/schema.js';
import type { Library } from '../src/core/library.js';
import type { AnsweredItem } from '../src/core/readiness/answered-item.js';
import { reviewCard } from '../src/core/review.js';
import type { TopicAccuracy } from '../src/store/answers.js';
import type { StoredCard } from '../src/store/reviews.js';
import { pickLeaningToWeakTopics } from '../src/core/weak-topics.js';

/**
 * Simulated learners for the calibration bench. Their truth is a different model from the
 * estimator's: two-parameter item response theory (each item has a difficulty and a
 * discrimination; each learner an ability per topic) with learning from every answered
 * question, forgetting back toward where they started, and a memory of each item seen that
 * fades, so a repeated item is easier than a fresh one.
 */
export interface ItemParams {
  a: number;
  b: number;
}

export interface Learner {
  base: Float64Array;
  ability: Float64Array;
  lastTouched: Float64Array;
  learnRate: number;
  dailyChance: number;
  practicePerDay: number;
  reviewChance: number;
  examEvery: number;
  /** When each item was last seen, and how long its memory lasts (days). */
  memory: Map<string, { at: number; days: number }>;
  history: AnsweredItem[];
  cards: Map<string, StoredCard>;
}

export const dayMs = 86_400_000;
/** Days for a topic's gained ability to fall halfway back to where the learner started. */
const forgetDays = 40;

export const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

export function normal(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

export function itemParams(library: Library, random: () => number): Map<string, ItemParams> {
  const topicDifficulty = new Map(library.topics.map((t) => [t.id, 0.7 * normal(random)]));
  const shift = { easy: -0.6, medium: 0, hard: 0.6 };
  return new Map(library.items.map((i) => [i.id, { a: Math.exp(0.3 * normal(random)) * 1.2, b: topicDifficulty.get(i.topic)! + shift[i.difficulty] + 0.6 * normal(random) }]));
}

export function newLearner(topics: number, random: () => number): Learner {
  const general = normal(random);
  const base = Float64Array.from({ length: topics }, () => general + 0.7 * normal(random));
  return {
    base,
    ability: Float64Array.from(base),
    lastTouched: new Float64Array(topics),
    learnRate: 0.02 + 0.1 * random(),
    dailyChance: 0.3 + 0.7 * random(),
    practicePerDay: 4 * random() ** 2,
    reviewChance: random(),
    examEvery: random() < 0.5 ? 0 : 7 + Math.floor(14 * random()),
    memory: new Map(),
    history: [],
    cards: new Map(),
  };
}

/** The learner's ability on topic `t` at `now`: gains fade back toward where they started. */
function abilityAt(l: Learner, t: number, now: number): number {
  const fade = 0.5 ** ((now - l.lastTouched[t]!) / (forgetDays * dayMs));
  return l.base[t]! + (l.ability[t]! - l.base[t]!) * fade;
}

/** The true chance of a right answer on a question never seen: what readiness estimates. */
export function freshChance(l: Learner, t: number, p: ItemParams, now: number): number {
  return sigmoid(p.a * (abilityAt(l, t, now) - p.b));
}

/** One answer: memory of the item lifts the chance; the explanation teaches the topic. */
export function answer(l: Learner, item: QuizItem, t: number, p: ItemParams, kind: AnsweredItem['kind'], now: number, random: () => number): boolean {
  const seen = l.memory.get(item.id);
  const recall = seen ? Math.exp(-(now - seen.at) / (seen.days * dayMs)) : 0;
  const chance = 1 - (1 - freshChance(l, t, p, now)) * (1 - recall);
  const correct = random() < chance;
  l.history.push({ itemId: item.id, topicId: item.topic, correct, answeredAt: now, kind });
  l.memory.set(item.id, { at: now, days: (seen?.days ?? 3) * (correct ? 2.5 : 1.2) });
  const current = abilityAt(l, t, now);
  l.ability[t] = current + l.learnRate * (correct ? 0.5 : 1);
  l.lastTouched[t] = now;
  // As the bot does: a miss (or a review) schedules the item; a right answer on a card pushes it out.
  const card = l.cards.get(item.id);
  if (!correct || card) l.cards.set(item.id, reviewCard(item.id, card, correct ? 'good' : 'again', now));
  return correct;
}

/** Practice as /quiz picks it: items not answered yet first, leaning toward weak topics. */
export function practiceItem(l: Learner, items: readonly QuizItem[], random: () => number): QuizItem {
  const answered = new Set(l.history.map((h) => h.itemId));
  const fresh = items.filter((i) => !answered.has(i.id));
  const stats = new Map<string, TopicAccuracy>();
  for (const h of l.history) {
    const s = stats.get(h.topicId) ?? { topicId: h.topicId, answered: 0, correct: 0 };
    s.answered += 1;
    s.correct += h.correct ? 1 : 0;
    stats.set(h.topicId, s);
  }
  return pickLeaningToWeakTopics(fresh.length > 0 ? fresh : items, [...stats.values()], random);
}

/** An exam's items: drawn by topic share, unseen first. */
export function examItems(l: Learner, library: Library, count: number, random: () => number): QuizItem[] {
  const answered = new Set(l.history.map((h) => h.itemId));
  const chosen: QuizItem[] = [];
  for (let q = 0; q < count; q++) {
    let r = random();
    const topic = library.topics.find((t) => (r -= library.topicShare(t.id)) < 0) ?? library.topics[0]!;
    const pool = library.itemsOf(topic.id).filter((i) => !chosen.includes(i));
    const fresh = pool.filter((i) => !answered.has(i.id));
    const from = fresh.length > 0 ? fresh : pool;
    chosen.push(from[Math.floor(random() * from.length)]!);
  }
  return chosen;
}
