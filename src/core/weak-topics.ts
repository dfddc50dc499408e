import type { QuizItem } from './content/schema.js';
import type { TopicAccuracy } from '../store/answers.js';

/**
 * How strongly a topic is preferred: 1 plus three times the smoothed error rate on it (the
 * community's for the daily quiz, the member's for practice), so an unknown topic weighs
 * 2.5, one always missed up to 4 and one always right down to 1. Smoothing keeps a single
 * lucky or unlucky answer from swinging the choice.
 */
export function topicWeight(stats: TopicAccuracy | undefined): number {
  const answered = stats?.answered ?? 0;
  const wrong = answered - (stats?.correct ?? 0);
  return 1 + (3 * (wrong + 1)) / (answered + 2);
}

/** One of `items` at random, each weighted by its topic's topicWeight under `topicStats`. */
export function pickLeaningToWeakTopics(items: readonly QuizItem[], topicStats: readonly TopicAccuracy[], random: () => number): QuizItem {
  if (items.length === 0) throw new Error('nothing to pick from');
  const stats = new Map(topicStats.map((t) => [t.topicId, t]));
  const weights = items.map((i) => topicWeight(stats.get(i.topic)));
  let r = random() * weights.reduce((a, b) => a + b, 0);
  for (let i = 0; i < items.length; i += 1) {
    r -= weights[i] ?? 0;
    if (r < 0) return items[i] as QuizItem;
  }
  return items[items.length - 1] as QuizItem;
}
