import type { Topic } from '../content/schema.js';
import { createBoundedDistance, letterMask, letterSetDifference } from './edit-distance.js';
import {
  contentTokens,
  fillerWords,
  neutralFillers,
  phraseKey,
  pluralVariants,
  splitComparison,
  splitWords,
  tokenize,
} from './normalize.js';

export type LookupResult =
  | { found: true; topic: Topic }
  | { found: false; reason: 'empty' | 'too-long' | 'not-covered'; suggestions: Topic[] };

export interface TopicChoice {
  /** At most 100 characters (Discord's limit for autocomplete choices). */
  label: string;
  topicId: string;
}

export interface TopicIndex {
  lookup(query: string): LookupResult;
  /** Autocomplete over titles and aliases: at most `limit` (default 25) choices, best first; empty query -> all topics by title. */
  autocomplete(query: string, limit?: number): TopicChoice[];
  byId(id: string): Topic | undefined;
}

/** Longer input is not a topic name; refusing it before any work keeps 5,000-character pastes cheap. */
const maxQueryLength = 200;
const maxSuggestions = 3;
const maxRelaxedWords = 3;
const maxLabelLength = 100;
/** Match quality of a word beside exact (1) and singular/plural (0.9, from pluralVariants). */
const oneEditQuality = 0.7;
const twoEditQuality = 0.5;
const relaxedQuality = 0.3;
/** A plural-or-better match counts as "exact" for the confident-name rule. */
const exactQuality = 0.9;
/** Names that lost non-brand filler when normalized ("when to use lambda") rank below real names ("lambda"). */
const phraseNameWeight = 0.75;
/** A comparison's `compares` terms name it only weakly: "lambda" opens Lambda, not "Batch vs Lambda". */
const comparedTermWeight = 0.5;

/** One way of naming a topic, as word ids (filler removed). */
interface Name {
  topic: number;
  words: number[];
  weight: number;
}

interface AutocompleteName {
  topic: number;
  isTitle: boolean;
  /** Normalized tokens joined by spaces, for prefix tests. */
  text: string;
  tokens: string[];
  label: string;
}

/** Everything lookup needs, computed once from the topics. */
interface IndexData {
  topics: readonly Topic[];
  vocab: string[];
  wordTopics: number[][];
  /** 1/sqrt(number of topics using the word or its plural): "lambda" in five topics says less than "fargate". */
  wordSpecificity: Float64Array;
  wordNames: number[][];
  /** Every singular/plural spelling → [word id, quality] pairs. */
  variants: Map<string, Array<[number, number]>>;
  vocabByLength: number[][];
  /** Per word, which letters it contains (see letterMask): a cheap filter before edit distance. */
  vocabMasks: Int32Array;
  names: Name[];
  /** Phrase key (tokens without spaces) → topic, for exact id/title/alias hits. */
  phrases: Map<string, number>;
  /** Per topic, the keys a comparison side may resolve to (empty for comparison topics themselves). */
  conceptKeys: string[][];
  compareTerms: Array<{ key: string; words: number[] }>;
  comparisons: Array<{ topic: number; a: string; b: string }>;
  autocompleteNames: AutocompleteName[];
}

export function createTopicIndex(topics: readonly Topic[]): TopicIndex {
  const data = buildIndex(topics);
  const scorer = createScorer(data);
  const byTitle = topics
    .map((_, i) => i)
    .sort((a, b) => (topics[a] as Topic).title.localeCompare((topics[b] as Topic).title));
  const ids = new Map(topics.map((t) => [t.id, t]));

  const found = (t: number): LookupResult => ({ found: true, topic: topics[t] as Topic });
  const notCovered = (suggestions: Topic[]): LookupResult => ({ found: false, reason: 'not-covered', suggestions });

  /** The topic one side of "X vs Y" names, and every key (id, alias, compared term) it may stand for. */
  function resolveSide(side: string[]): { topic: number; keys: string[] } {
    const key = phraseKey(side);
    const keys = [key];
    let topic = data.phrases.get(key) ?? -1;
    scorer.score(side, false);
    if (topic < 0) topic = scorer.accepted();
    for (const term of data.compareTerms) {
      if (scorer.covers(term.words)) keys.push(term.key);
    }
    if (topic >= 0) keys.push(...(data.conceptKeys[topic] as string[]));
    return { topic, keys };
  }

  function resolveComparison(left: string[], right: string[]): number {
    const a = resolveSide(left);
    const b = resolveSide(right);
    for (const c of data.comparisons) {
      const forward = a.keys.includes(c.a) && b.keys.includes(c.b);
      if (forward || (a.keys.includes(c.b) && b.keys.includes(c.a))) return c.topic;
    }
    // No card compares these two: the first side is what the learner asked about first.
    return a.topic >= 0 ? a.topic : b.topic;
  }

  /** Call right after scoring `content` strictly: hints reuse that score before trying looser typos. */
  function suggestions(content: string[]): Topic[] {
    let ranked = scorer.ranked(maxSuggestions);
    // Nothing within the strict typo budget: one more edit is fine for a hint, never for a card.
    // Only for short queries; a sentence with no topic word in it is not a near miss.
    if (ranked.length === 0 && content.length <= maxRelaxedWords) {
      scorer.score(content, true);
      ranked = scorer.ranked(maxSuggestions);
    }
    return ranked.map((t) => topics[t] as Topic);
  }

  function lookup(query: string): LookupResult {
    if (typeof query !== 'string') return { found: false, reason: 'empty', suggestions: [] };
    if (query.length > maxQueryLength) return { found: false, reason: 'too-long', suggestions: [] };
    if (query.trim().length === 0) return { found: false, reason: 'empty', suggestions: [] };
    // Nobody types NUL or escape codes; such input is an injection attempt or binary noise.
    if (hasControlCharacters(query)) return notCovered([]);
    const tokens = tokenize(query);
    if (tokens.length === 0) return notCovered([]);
    const whole = data.phrases.get(phraseKey(tokens));
    if (whole !== undefined) return found(whole);
    const content = contentTokens(tokens);
    if (content.length === 0) return notCovered([]);
    const stripped = data.phrases.get(phraseKey(content));
    if (stripped !== undefined) return found(stripped);
    const sides = splitComparison(tokens);
    if (sides) {
      const t = resolveComparison(sides[0], sides[1]);
      if (t >= 0) return found(t);
    }
    scorer.score(content, false);
    const t = scorer.accepted();
    if (t >= 0) return found(t);
    return notCovered(suggestions(content));
  }

  function autocomplete(query: string, limit = 25): TopicChoice[] {
    const max = Math.max(0, Math.floor(limit));
    if (max === 0 || typeof query !== 'string' || query.length > maxQueryLength) return [];
    // Raw words, not synonyms: "k8" must still reach the alias "k8s" while it is being typed.
    const words = splitWords(query);
    if (words.length === 0) return byTitle.slice(0, max).map((t) => choice(t, (topics[t] as Topic).title));
    const text = words.join(' ');
    const best = new Float64Array(topics.length);
    const labels: string[] = topics.map((t) => t.title);
    const titleMatched = new Uint8Array(topics.length);
    for (const name of data.autocompleteNames) {
      const s = prefixScore(name, text, words);
      if (s === 0) continue;
      if (name.isTitle) titleMatched[name.topic] = 1;
      if (s > (best[name.topic] as number)) {
        best[name.topic] = s;
        labels[name.topic] = name.label;
      }
    }
    // Typos and whole phrases ("lamdba", "what is fargate") rank after every prefix match.
    const tokens = tokenize(query);
    const content = contentTokens(tokens);
    scorer.score(content.length > 0 ? content : tokens, false);
    for (const t of scorer.ranked(topics.length)) {
      if (best[t] === 0) best[t] = Math.min(Math.max(scorer.scoreOf(t), 0.5), 99);
    }
    return topics
      .map((_, i) => i)
      .filter((i) => (best[i] as number) > 0)
      .sort((a, b) => (best[b] as number) - (best[a] as number) || byTitle.indexOf(a) - byTitle.indexOf(b))
      .slice(0, max)
      // When the title itself fits what was typed, show just the title.
      .map((t) => choice(t, titleMatched[t] ? (topics[t] as Topic).title : (labels[t] as string)));
  }

  function choice(t: number, label: string): TopicChoice {
    return { label: truncate(label), topicId: (topics[t] as Topic).id };
  }

  return { lookup, autocomplete, byId: (id) => ids.get(id) };
}

/** C0 controls (other than tab and line breaks) and DEL. */
function hasControlCharacters(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 127) return true;
  }
  return false;
}

/** How well a typed prefix fits a name; 0 when it does not. Shorter names win ties. */
function prefixScore(name: AutocompleteName, text: string, tokens: string[]): number {
  const len = Math.min(name.text.length, 99);
  if (name.text === text) return 1000;
  if (name.text.startsWith(text)) return 900 - len;
  if (name.text.includes(` ${text}`)) return 800 - len;
  if (tokens.every((q) => name.tokens.some((w) => w.startsWith(q)))) return 700 - len;
  // No mid-word matches: "ec" inside "gb-second" is noise, not a suggestion.
  return 0;
}

function truncate(label: string): string {
  return label.length <= maxLabelLength ? label : `${label.slice(0, maxLabelLength - 1)}…`;
}

const buildDistance = createBoundedDistance();

/** Whether `word` is `known` or a near spelling of it (one edit for short words, two for long). */
function isTypoOf(word: string, known: string): boolean {
  const max = Math.min(word.length, known.length) <= 4 ? 1 : 2;
  return buildDistance(word, known, max) <= max;
}

function buildIndex(topics: readonly Topic[]): IndexData {
  const vocab: string[] = [];
  const wordIds = new Map<string, number>();
  const wordTopicSets: Array<Set<number>> = [];
  const names: Name[] = [];
  // [key, topic, rank]: lower ranks win a shared key, so an exact alias beats a stripped phrase.
  const phraseEntries: Array<[string, number, number]> = [];
  const conceptKeys: string[][] = topics.map(() => []);
  const compareTerms = new Map<string, number[]>();
  const comparisons: IndexData['comparisons'] = [];
  const autocompleteNames: AutocompleteName[] = [];

  const wordId = (word: string, topic: number): number => {
    let id = wordIds.get(word);
    if (id === undefined) {
      id = vocab.length;
      vocab.push(word);
      wordIds.set(word, id);
      wordTopicSets.push(new Set());
    }
    wordTopicSets[id]?.add(topic);
    return id;
  };

  const addName = (text: string, topic: number, compared: boolean): string => {
    const tokens = tokenize(text);
    const content = contentTokens(tokens);
    const lostMeaning = tokens.some((t) => fillerWords.has(t) && !neutralFillers.has(t));
    const weight = (compared ? comparedTermWeight : 1) * (lostMeaning ? phraseNameWeight : 1);
    const key = phraseKey(content);
    phraseEntries.push([phraseKey(tokens), topic, compared ? 4 : 0]);
    if (content.length === 0) return key;
    phraseEntries.push([key, topic, compared ? 5 : lostMeaning ? 2 : 1]);
    names.push({ topic, words: content.map((w) => wordId(w, topic)), weight });
    const concept = conceptKeys[topic] as string[];
    if (!compared && !lostMeaning && (topics[topic]?.compares?.length ?? 0) === 0) concept.push(key);
    return key;
  };

  topics.forEach((topic, t) => {
    addName(topic.id.replaceAll('-', ' '), t, false);
    // "Amazon ECS (Elastic Container Service)" also names the topic by each part alone.
    const titleParts = topic.title.split(/[():]/).map((p) => p.trim()).filter((p) => p.length > 0);
    for (const text of [topic.title, ...(titleParts.length > 1 ? titleParts : []), ...topic.aliases]) addName(text, t, false);
    if (topic.compares?.length === 2) {
      const [a, b] = topic.compares.map((term) => {
        const key = addName(term, t, true);
        compareTerms.set(key, contentTokens(tokenize(term)).map((w) => wordId(w, t)));
        return key;
      });
      if (a !== undefined && b !== undefined) comparisons.push({ topic: t, a, b });
    }
    const titleWords = splitWords(topic.title);
    const titleText = titleWords.join(' ');
    const knownWords = [...titleWords, ...topic.id.split('-')];
    autocompleteNames.push({ topic: t, isTitle: true, text: titleText, tokens: titleWords, label: topic.title });
    for (const alias of topic.aliases) {
      const words = splitWords(alias);
      const text = words.join(' ');
      // An alias inside the title ("fargate") or a misspelling kept for lookup ("farget") shows as the title.
      const plain = titleText.includes(text) || words.every((w) => knownWords.some((k) => isTypoOf(w, k)));
      autocompleteNames.push({ topic: t, isTitle: false, text, tokens: words, label: plain ? topic.title : `${topic.title} (${alias})` });
    }
  });

  const phrases = new Map<string, number>();
  phraseEntries.sort((x, y) => x[2] - y[2]);
  for (const [key, topic] of phraseEntries) if (key.length > 0 && !phrases.has(key)) phrases.set(key, topic);

  const wordNames: number[][] = vocab.map(() => []);
  names.forEach((name, n) => {
    for (const w of new Set(name.words)) wordNames[w]?.push(n);
  });

  const variants = new Map<string, Array<[number, number]>>();
  vocab.forEach((word, w) => {
    for (const [form, quality] of pluralVariants(word)) {
      const list = variants.get(form) ?? [];
      const existing = list.find(([id]) => id === w);
      if (existing) existing[1] = Math.max(existing[1], quality);
      else list.push([w, quality]);
      variants.set(form, list);
    }
  });

  // Specificity counts singular and plural together: "server" is in one topic, but "servers"
  // in four, so "servers" alone must not look like a word unique to Lightsail.
  const familyTopicCounts = vocab.map((word) => {
    const family = new Set<number>();
    const addWord = (id: number | undefined): void => {
      if (id !== undefined) for (const t of wordTopicSets[id] ?? []) family.add(t);
    };
    for (const [form] of pluralVariants(word)) addWord(wordIds.get(form));
    for (const [id] of variants.get(word) ?? []) addWord(id);
    return family.size;
  });

  const vocabByLength: number[][] = [];
  vocab.forEach((word, w) => {
    (vocabByLength[word.length] ??= []).push(w);
  });

  return {
    topics,
    vocab,
    vocabMasks: Int32Array.from(vocab, letterMask),
    wordTopics: wordTopicSets.map((s) => [...s]),
    wordSpecificity: Float64Array.from(familyTopicCounts, (n) => 1 / Math.sqrt(n)),
    wordNames,
    variants,
    vocabByLength,
    names,
    phrases,
    conceptKeys,
    compareTerms: [...compareTerms].map(([key, words]) => ({ key, words })),
    comparisons,
    autocompleteNames,
  };
}

/**
 * Scores every topic against a list of query words. State lives in preallocated typed arrays
 * reused across calls (lookup is synchronous, so calls never interleave), which keeps the hot
 * path free of per-query allocation beyond the tokens themselves.
 */
function createScorer(d: IndexData) {
  const topicCount = d.topics.length;
  const vocabSize = d.vocab.length;
  const distance = createBoundedDistance();
  const wordQuality = new Float64Array(vocabSize);
  const touched = new Int32Array(vocabSize);
  let touchedCount = 0;
  const matchWord = new Int32Array(vocabSize);
  const matchQuality = new Float64Array(vocabSize);
  let matchCount = 0;
  const tokenBest = new Float64Array(topicCount);
  const covered = new Int32Array(topicCount);
  const tokenScore = new Float64Array(topicCount);
  const bestName = new Float64Array(topicCount);
  const bestExactName = new Float64Array(topicCount);
  /** Most query words found together in one name of the topic, complete or not. */
  const bestPartial = new Int32Array(topicCount);
  const nameStamp = new Int32Array(d.names.length);
  let stamp = 0;
  let queryWords = 0;

  const addMatch = (w: number, quality: number): void => {
    for (let k = 0; k < matchCount; k++) {
      if (matchWord[k] === w) {
        if (quality > (matchQuality[k] as number)) matchQuality[k] = quality;
        return;
      }
    }
    matchWord[matchCount] = w;
    matchQuality[matchCount++] = quality;
  };

  const fuzzy = (token: string, edits: number, relaxed: boolean): void => {
    const n = token.length;
    const mask = letterMask(token);
    // Words of 1–3 letters are never fuzzy targets: "ecs"/"eks"/"ec2" are one edit apart.
    for (let len = Math.max(4, n - edits); len <= n + edits; len++) {
      const bucket = d.vocabByLength[len];
      if (!bucket) continue;
      for (const w of bucket) {
        // Cheap reject before the edit distance (see letterSetDifference).
        if (letterSetDifference(mask, d.vocabMasks[w] as number) > 2 * edits) continue;
        const dist = distance(token, d.vocab[w] as string, edits);
        if (dist > edits) continue;
        addMatch(w, relaxed ? relaxedQuality : dist <= 1 ? oneEditQuality : twoEditQuality);
      }
    }
  };

  /** Fills matchWord/matchQuality with the vocabulary words `token` may mean. */
  const collect = (token: string, relaxed: boolean): void => {
    matchCount = 0;
    const exact = d.variants.get(token);
    if (exact) {
      for (const [w, quality] of exact) addMatch(w, quality);
      return;
    }
    // Relaxed (hints only) allows two edits on 5–7 letter words; shorter words would be half
    // rewritten, and longer ones already had two edits in the strict pass that found nothing.
    if (relaxed ? token.length < 5 || token.length > 7 : token.length < 4) return;
    const edits = token.length <= 7 && !relaxed ? 1 : 2;
    fuzzy(token, edits, relaxed);
    // "lamdbas": a typo plus a plural is over budget, so also try the word without its "s".
    if (matchCount === 0 && token.length > 4 && token.charCodeAt(token.length - 1) === 115) fuzzy(token.slice(0, -1), edits, relaxed);
  };

  function score(tokens: readonly string[], relaxed: boolean): void {
    for (let k = 0; k < touchedCount; k++) wordQuality[touched[k] as number] = 0;
    touchedCount = 0;
    // Plain loops: for 16 topics they beat TypedArray.fill's call into the runtime.
    for (let t = 0; t < topicCount; t++) {
      covered[t] = 0;
      tokenScore[t] = 0;
      bestName[t] = 0;
      bestExactName[t] = 0;
      bestPartial[t] = 0;
    }
    queryWords = 0;
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i] as string;
      if (tokens.indexOf(token) < i) continue; // repeated words count once
      queryWords++;
      collect(token, relaxed);
      if (matchCount === 0) continue;
      for (let t = 0; t < topicCount; t++) tokenBest[t] = 0;
      for (let k = 0; k < matchCount; k++) {
        const w = matchWord[k] as number;
        const quality = matchQuality[k] as number;
        if (wordQuality[w] === 0) touched[touchedCount++] = w;
        if (quality > (wordQuality[w] as number)) wordQuality[w] = quality;
        const s = quality * (d.wordSpecificity[w] as number);
        for (const t of d.wordTopics[w] as number[]) if (s > (tokenBest[t] as number)) tokenBest[t] = s;
      }
      for (let t = 0; t < topicCount; t++) {
        const s = tokenBest[t] as number;
        if (s > 0) {
          covered[t] = (covered[t] as number) + 1;
          tokenScore[t] = (tokenScore[t] as number) + s;
        }
      }
    }
    // A name counts only when every one of its words was typed (in any order).
    stamp++;
    for (let k = 0; k < touchedCount; k++) {
      for (const n of d.wordNames[touched[k] as number] as number[]) {
        if (nameStamp[n] === stamp) continue;
        nameStamp[n] = stamp;
        const name = d.names[n] as Name;
        let sum = 0;
        let exact = true;
        let matched = 0;
        for (const w of name.words) {
          const q = wordQuality[w] as number;
          if (q === 0) continue;
          matched++;
          sum += q;
          if (q < exactQuality) exact = false;
        }
        if (matched > (bestPartial[name.topic] as number)) bestPartial[name.topic] = matched;
        if (matched < name.words.length) continue;
        const v = sum * name.weight;
        if (v > (bestName[name.topic] as number)) bestName[name.topic] = v;
        if (exact && name.weight === 1 && v > (bestExactName[name.topic] as number)) bestExactName[name.topic] = v;
      }
    }
  }

  /** Whole names count triple, then single words by specificity, minus words the topic does not explain. */
  const scoreOf = (t: number): number =>
    (covered[t] as number) === 0
      ? 0
      : 3 * (bestName[t] as number) + (tokenScore[t] as number) - 0.5 * (queryWords - (covered[t] as number));

  /**
   * The best topic if the match is trustworthy, else -1. A confident exact name may sit among
   * other words ("ecs launch types explained"); a fuzzy name or loose words must explain at least
   * half the query, so one weak typo-match inside a long unrelated sentence never yields a card.
   */
  function accepted(): number {
    let best = -1;
    let bestScore = -Infinity;
    for (let t = 0; t < topicCount; t++) {
      if (covered[t] === 0) continue;
      const s = scoreOf(t);
      if (s > bestScore) {
        bestScore = s;
        best = t;
      }
    }
    if (best < 0) return -1;
    const hits = covered[best] as number;
    const ratio = hits / queryWords;
    if ((bestExactName[best] as number) > 0 && ratio >= 1 / 3) return best;
    if ((bestName[best] as number) > 0 && ratio >= 0.5 && (queryWords <= 2 || hits >= 2)) return best;
    // Loose words must meet in one name ("batch job scheduling"), not be scattered over several.
    if ((bestPartial[best] as number) >= 2 && ratio >= 2 / 3) return best;
    // Every word typed exactly and used by this topic alone ("websocket", "orchestration").
    if (hits === queryWords && (tokenScore[best] as number) >= queryWords * exactQuality) return best;
    return -1;
  }

  /** Topics with any matching word, best first. */
  function ranked(limit: number): number[] {
    const out: number[] = [];
    for (let t = 0; t < topicCount; t++) if ((covered[t] as number) > 0) out.push(t);
    out.sort((a, b) => scoreOf(b) - scoreOf(a) || a - b);
    return out.slice(0, limit);
  }

  /** Whether every word of `words` was matched by the last scored query, and they are at least half of it. */
  function covers(words: readonly number[]): boolean {
    for (const w of words) if (wordQuality[w] === 0) return false;
    return words.length * 2 >= queryWords;
  }

  return { score, accepted, ranked, covers, scoreOf };
}
