import type { Topic } from '../content/schema.js';
import { contentTokens, phraseKey, splitComparison, tokenize } from './normalize.js';
import { otherServicesIn } from './other-services.js';
import { autocompleteTopics, type TopicChoice } from './topic-autocomplete.js';
import { buildTopicNames, type TopicNames } from './topic-names.js';
import { acceptedTopic, coversWords, rankedTopics, scoreTopics } from './topic-scores.js';

export type { TopicChoice } from './topic-autocomplete.js';

/** Something the content does not cover, and the cards that mention it. */
export interface Mention {
  name: string;
  topics: Topic[];
}

/** The side of "X vs Y" the content has no card of its own for; `see` is the card that covers it inside another pair. */
export interface Uncovered {
  name: string;
  see?: Topic;
}

export type LookupResult =
  /**
   * `versus`: the learner compared two topics that no hand-written card compares.
   * `uncovered`: they compared `topic` with something the content does not cover on its own.
   */
  | { found: true; topic: Topic; versus?: Topic; uncovered?: Uncovered }
  | { found: false; reason: 'empty' | 'too-long' | 'not-covered'; suggestions: Topic[]; mentioned?: Mention };

export interface TopicIndex {
  lookup(query: string): LookupResult;
  /** Titles, aliases and comparisons: at most `limit` (default 25) choices, best first; empty query -> all topics by title. */
  autocomplete(query: string, limit?: number): TopicChoice[];
  byId(id: string): Topic | undefined;
}

/** Longer input is not a topic name; refusing it before any work keeps 5,000-character pastes cheap. */
const maxQueryLength = 200;
const maxSuggestions = 3;
const maxRelaxedWords = 3;

export function createTopicIndex(topics: readonly Topic[]): TopicIndex {
  const index = buildTopicNames(topics);
  const ids = new Map(topics.map((t) => [t.id, t]));
  const resolve = (words: string[]): number => resolveSide(index, words).topic;
  const comparisonOf = (a: number, b: number): LookupResult => compareTopics(index, a, b);
  return {
    lookup: (query) => lookup(index, query),
    autocomplete: (query, limit = 25) => autocompleteTopics(index, query, limit, { resolve, comparisonOf }),
    byId: (id) => ids.get(id),
  };
}

function lookup(index: TopicNames, query: string): LookupResult {
  if (typeof query !== 'string') return { found: false, reason: 'empty', suggestions: [] };
  if (query.length > maxQueryLength) return { found: false, reason: 'too-long', suggestions: [] };
  if (query.trim().length === 0) return { found: false, reason: 'empty', suggestions: [] };
  // Nobody types NUL or escape codes; such input is an injection attempt or binary noise.
  if (hasControlCharacters(query)) return notCovered([]);
  const tokens = tokenize(query);
  const content = contentTokens(tokens);
  const exact = index.phrases.get(phraseKey(tokens)) ?? index.phrases.get(phraseKey(content));
  if (exact !== undefined) return found(index, exact);
  if (content.length === 0) return notCovered([]);
  // A comparison first: "dynamodb vs lambda" is about Lambda too, and says DynamoDB is not covered.
  const sides = splitComparison(tokens);
  const compared = sides ? resolveComparison(index, sides[0], sides[1]) : undefined;
  if (compared) return compared;
  const others = otherServicesIn(content);
  if (others.length > 0) return lookupOtherService(index, content, others);
  const scores = scoreTopics(index, content, false);
  const t = acceptedTopic(scores);
  if (t >= 0) return found(index, t);
  let ranked = rankedTopics(scores, maxSuggestions);
  // Nothing within the strict typo budget: one more edit is fine for a hint, never for a card.
  // Only for short queries; a sentence with no topic word in it is not a near miss.
  if (ranked.length === 0 && content.length <= maxRelaxedWords) ranked = rankedTopics(scoreTopics(index, content, true), maxSuggestions);
  return notCovered(ranked.map((r) => index.topics[r] as Topic));
}

/**
 * A query naming a service no topic covers gets a card only through a whole name that includes
 * that service ("s3 trigger"); otherwise it is not covered, and the cards that mention it are named.
 */
function lookupOtherService(index: TopicNames, content: string[], others: Array<{ word: string; name: string }>): LookupResult {
  const words = others.map((o) => o.word);
  const t = wholeNameWith(index, content, words);
  if (t >= 0) return found(index, t);
  // The cards that say most about it first: S3 is all over Lambda's card, once in Fargate's.
  const mentions = (i: number): number => Math.min(...words.map((w) => index.cardWords[i]?.get(w) ?? 0));
  const topics = [...index.topics.keys()]
    .filter((i) => mentions(i) > 0)
    .sort((x, y) => mentions(y) - mentions(x) || x - y)
    .map((i) => index.topics[i] as Topic);
  return { found: false, reason: 'not-covered', suggestions: [], mentioned: { name: others.map((o) => o.name).join(' and '), topics } };
}

/** The topic whose whole name holds every one of `words` (services the content does not cover), or -1. */
function wholeNameWith(index: TopicNames, content: string[], words: string[]): number {
  // Only a name that holds every such word can open a card; most have none, so skip the scoring.
  if (!words.every((w) => index.namesByWord.has(w))) return -1;
  const scores = scoreTopics(index, content, false);
  const t = acceptedTopic(scores);
  return t >= 0 && scores.topics[t]?.fullNames.some((name) => words.every((w) => name.words.includes(w))) ? t : -1;
}

interface Side {
  /** The topic the side names, or -1. */
  topic: number;
  /** Every key (id, alias, compared term) it may stand for. */
  keys: string[];
  /** How to name the side when the content has no card of its own for it. */
  name: string;
}

/** The topic one side of "X vs Y" names; a service the content does not cover names none. */
function resolveSide(index: TopicNames, side: string[]): Side {
  const content = contentTokens(side);
  const others = otherServicesIn(content);
  if (others.length > 0 && wholeNameWith(index, content, others.map((o) => o.word)) < 0) {
    return { topic: -1, keys: [phraseKey(side)], name: others.map((o) => o.name).join(' and ') };
  }
  return { ...namedSide(index, side), name: content.join(' ') };
}

function namedSide(index: TopicNames, side: string[]): { topic: number; keys: string[] } {
  const key = phraseKey(side);
  const scores = scoreTopics(index, side, false);
  const accepted = acceptedTopic(scores);
  // A side may carry more than a name ("batch for a nightly report"): the name comes first, so
  // the longest leading phrase that names a topic wins, then any topic named whole in the side.
  const leading = [...side.keys()].reverse().map((n) => index.phrases.get(phraseKey(side.slice(0, n + 1)))).find((t) => t !== undefined);
  const named = (): number => rankedTopics(scores, index.topics.length).find((t) => (scores.topics[t]?.bestName ?? 0) > 0) ?? -1;
  const topic = leading ?? (accepted >= 0 ? accepted : named());
  const keys = [key, ...index.compareTerms.filter((term) => coversWords(scores, term.words)).map((term) => term.key)];
  if (topic >= 0) keys.push(...(index.conceptKeys[topic] ?? []));
  return { topic, keys };
}

function resolveComparison(index: TopicNames, left: string[], right: string[]): LookupResult | undefined {
  const a = resolveSide(index, left);
  const b = resolveSide(index, right);
  const card = cardComparing(index, a.keys, b.keys);
  if (card >= 0) return found(index, card);
  // A side that only a comparison card covers ("ec2": EC2 vs Lambda) has no card of its own:
  // answering "ec2 vs ecs" with EC2 vs Lambda would be another pair's card.
  const ownA = ownTopic(index, a);
  const ownB = ownTopic(index, b);
  if (ownA && ownB) return compareTopics(index, a.topic, b.topic);
  if (!ownA && !ownB) {
    const cards = [a.topic, b.topic].filter((t) => t >= 0).map((t) => index.topics[t] as Topic);
    return cards.length > 0 ? notCovered(cards) : undefined;
  }
  // One side is a topic: that is what the learner can be told about; the other is named as not covered.
  const [covered, other] = ownA ? [a, b] : [b, a];
  if (!other.name) return found(index, covered.topic);
  const see = other.topic >= 0 ? (index.topics[other.topic] as Topic) : undefined;
  return { found: true, topic: index.topics[covered.topic] as Topic, uncovered: { name: other.name, ...(see ? { see } : {}) } };
}

/** The side names a topic with a card of its own, not only a hand-written comparison that mentions it. */
function ownTopic(index: TopicNames, side: Side): boolean {
  return side.topic >= 0 && (index.topics[side.topic]?.compares.length ?? 0) === 0;
}

/** Two topics side by side, or the hand-written card that compares them, or the first alone when one has no facts. */
function compareTopics(index: TopicNames, a: number, b: number): LookupResult {
  const card = cardComparing(index, index.conceptKeys[a] ?? [], index.conceptKeys[b] ?? []);
  if (card >= 0) return found(index, card);
  const topicA = index.topics[a] as Topic;
  const topicB = index.topics[b] as Topic;
  if (a === b || !hasFacts(topicA) || !hasFacts(topicB)) return found(index, a);
  return { found: true, topic: topicA, versus: topicB };
}

/** The hand-written comparison card whose two terms are among the two sides' keys, in either order, or -1. */
function cardComparing(index: TopicNames, keysA: readonly string[], keysB: readonly string[]): number {
  const card = index.comparisonCards.find((c) => (keysA.includes(c.a) && keysB.includes(c.b)) || (keysA.includes(c.b) && keysB.includes(c.a)));
  return card?.topic ?? -1;
}

function hasFacts(topic: Topic): boolean {
  return Object.keys(topic.facts).length > 0;
}

function found(index: TopicNames, t: number): LookupResult {
  return { found: true, topic: index.topics[t] as Topic };
}

function notCovered(suggestions: Topic[]): LookupResult {
  return { found: false, reason: 'not-covered', suggestions };
}

/** C0 controls (other than tab and line breaks) and DEL. */
function hasControlCharacters(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 127) return true;
  }
  return false;
}
