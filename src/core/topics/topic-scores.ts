import type { Name, TopicNames } from './topic-names.js';
import { letterSet, mayBeWithin, typoDistance } from './typo.js';

/** Match quality of a word beside exact (1) and singular/plural (0.9, from pluralVariants). */
const oneEditQuality = 0.7;
const twoEditQuality = 0.5;
const relaxedQuality = 0.3;
/** A plural-or-better match counts as "exact" for the confident-name rule. */
const exactQuality = 0.9;

/** How one topic fares against a query. */
interface TopicScore {
  /** Query words this topic's names use. */
  covered: number;
  /** Those words' match quality × specificity, summed. */
  wordScore: number;
  /** The best name whose every word was typed (in any order), by quality × weight. */
  bestName: number;
  /** The same, for names typed exactly (plurals allowed) at full weight. */
  bestExactName: number;
  /** Most query words found together in one name, complete or not. */
  bestPartial: number;
  /** Names whose every word was typed. */
  fullNames: Name[];
}

/** A query scored against every topic. */
export interface Scores {
  queryWords: number;
  /** Known word → how well some query word matched it. */
  matched: Map<string, number>;
  topics: TopicScore[];
}

/** Scores every topic against the query's words. `relaxed` allows looser typos, for hints only. */
export function scoreTopics(index: TopicNames, words: readonly string[], relaxed: boolean): Scores {
  const unique = [...new Set(words)];
  const matched = new Map<string, number>();
  const topics: TopicScore[] = index.topics.map(() => ({ covered: 0, wordScore: 0, bestName: 0, bestExactName: 0, bestPartial: 0, fullNames: [] }));
  for (const word of unique) {
    const best = new Map<number, number>();
    for (const [known, quality] of knownWordsFor(index, word, relaxed)) {
      matched.set(known, Math.max(matched.get(known) ?? 0, quality));
      const s = quality * (index.specificity.get(known) ?? 0);
      for (const t of index.wordTopics.get(known) ?? []) best.set(t, Math.max(best.get(t) ?? 0, s));
    }
    for (const [t, s] of best) {
      const score = topics[t] as TopicScore;
      score.covered++;
      score.wordScore += s;
    }
  }
  const seen = new Set<Name>();
  for (const known of matched.keys()) {
    for (const name of index.namesByWord.get(known) ?? []) {
      if (seen.has(name)) continue;
      seen.add(name);
      scoreName(name, matched, topics[name.topic] as TopicScore);
    }
  }
  return { queryWords: unique.length, matched, topics };
}

// Called for every name a query word touches: counts in place rather than building arrays.
function scoreName(name: Name, matched: Map<string, number>, score: TopicScore): void {
  let found = 0;
  let sum = 0;
  let exact = true;
  for (const word of name.words) {
    const quality = matched.get(word) ?? 0;
    if (quality <= 0) continue;
    found++;
    sum += quality;
    if (quality < exactQuality) exact = false;
  }
  score.bestPartial = Math.max(score.bestPartial, found);
  if (found < name.words.length) return;
  score.fullNames.push(name);
  const value = sum * name.weight;
  score.bestName = Math.max(score.bestName, value);
  if (name.weight === 1 && exact) score.bestExactName = Math.max(score.bestExactName, value);
}

/** The known words a query word may mean, with how sure each is: spelling variants first, then typos. */
function knownWordsFor(index: TopicNames, word: string, relaxed: boolean): Array<[string, number]> {
  const exact = index.spellings.get(word);
  if (exact) return exact;
  // Relaxed (hints only) allows two edits on 5–7 letter words; shorter words would be half
  // rewritten, and longer ones already had two edits in the strict pass that found nothing.
  if (relaxed ? word.length < 5 || word.length > 7 : word.length < 4) return [];
  const edits = word.length <= 7 && !relaxed ? 1 : 2;
  const found = typosOf(index, word, edits, relaxed);
  // "lamdbas": a typo plus a plural is over budget, so also try the word without its "s".
  if (found.length === 0 && word.length > 4 && word.endsWith('s')) return typosOf(index, word.slice(0, -1), edits, relaxed);
  return found;
}

function typosOf(index: TopicNames, word: string, edits: number, relaxed: boolean): Array<[string, number]> {
  const out: Array<[string, number]> = [];
  const letters = letterSet(word);
  for (let length = word.length - edits; length <= word.length + edits; length++) {
    for (const known of index.typoTargets.get(length) ?? []) {
      if (!mayBeWithin(letters, known.letters, edits)) continue;
      const d = typoDistance(word, known.word);
      if (d <= edits) out.push([known.word, relaxed ? relaxedQuality : d <= 1 ? oneEditQuality : twoEditQuality]);
    }
  }
  return out;
}

/** Whole names count triple, then single words by specificity, minus words the topic does not explain. */
export function topicScore(scores: Scores, t: number): number {
  const s = scores.topics[t];
  return !s || s.covered === 0 ? 0 : 3 * s.bestName + s.wordScore - 0.5 * (scores.queryWords - s.covered);
}

/** Topics with any matching word, best first. */
export function rankedTopics(scores: Scores, limit: number): number[] {
  const ranked = scores.topics.flatMap((s, t) => (s.covered > 0 ? [{ t, score: topicScore(scores, t) }] : []));
  return ranked
    .sort((a, b) => b.score - a.score || a.t - b.t)
    .slice(0, limit)
    .map((r) => r.t);
}

/** The first of rankedTopics(scores, 1), without sorting every topic: the highest score, lowest index on a tie; -1 if none. */
function bestTopic(scores: Scores): number {
  let best = -1;
  let bestScore = -Infinity;
  scores.topics.forEach((s, t) => {
    if (s.covered === 0) return;
    const score = topicScore(scores, t);
    if (score > bestScore) [best, bestScore] = [t, score];
  });
  return best;
}

/**
 * The best topic if the match is trustworthy, else -1. A confident exact name may sit among
 * other words ("ecs launch types explained"); a fuzzy name or loose words must explain at least
 * half the query, so one weak typo-match inside a long unrelated sentence never yields a card.
 */
export function acceptedTopic(scores: Scores): number {
  const best = bestTopic(scores);
  if (best < 0) return -1;
  const s = scores.topics[best] as TopicScore;
  const ratio = s.covered / scores.queryWords;
  if (s.bestExactName > 0 && ratio >= 1 / 3) return best;
  if (s.bestName > 0 && ratio >= 0.5 && (scores.queryWords <= 2 || s.covered >= 2)) return best;
  // Loose words must meet in one name ("batch job scheduling"), not be scattered over several.
  if (s.bestPartial >= 2 && ratio >= 2 / 3) return best;
  // Every word typed exactly and used by this topic alone ("websocket", "orchestration").
  if (s.covered === scores.queryWords && s.wordScore >= scores.queryWords * exactQuality) return best;
  return -1;
}

/** Whether every one of `words` was matched, and they are at least half of the query. */
export function coversWords(scores: Scores, words: readonly string[]): boolean {
  return words.every((w) => scores.matched.has(w)) && words.length * 2 >= scores.queryWords;
}
