import type { QuizItem } from '../content/schema.js';
import type { TopicAccuracy } from '../../store/answers.js';
import { pickLeaningToWeakTopics } from '../weak-topics.js';

export interface RotationInput {
  /** The whole quiz bank. */
  bank: readonly QuizItem[];
  /** Item ids the channel has met, oldest first. */
  history: readonly string[];
  /** How the community answers each topic. */
  topicStats: readonly TopicAccuracy[];
  random: () => number;
}

/**
 * The items the channel has not met in its current cycle. A cycle ends once every item of
 * today's bank has been met; items added to the bank later are simply unmet, and retired
 * ones are ignored, so a changed bank never stalls or repeats the rotation.
 */
export function unmetItems(bank: readonly QuizItem[], history: readonly string[]): QuizItem[] {
  const ids = new Set(bank.map((i) => i.id));
  let met = new Set<string>();
  for (const id of history) {
    if (!ids.has(id)) continue;
    met.add(id);
    if (met.size === ids.size) met = new Set();
  }
  return bank.filter((i) => !met.has(i.id));
}

/**
 * The channel's next daily item: never one it met in the current cycle, preferably of a
 * different topic than the last post, leaning toward topics the community gets wrong.
 */
export function pickDailyItem(input: RotationInput): QuizItem {
  if (input.bank.length === 0) throw new Error('the quiz bank is empty');
  const unmet = unmetItems(input.bank, input.history);
  const lastId = input.history[input.history.length - 1];
  const lastTopic = input.bank.find((i) => i.id === lastId)?.topic;
  const otherTopic = unmet.filter((i) => i.topic !== lastTopic && i.id !== lastId);
  const notLast = unmet.filter((i) => i.id !== lastId);
  const candidates = otherTopic.length > 0 ? otherTopic : notLast.length > 0 ? notLast : unmet;
  return pickLeaningToWeakTopics(candidates, input.topicStats, input.random);
}
