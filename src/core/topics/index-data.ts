import type { Topic } from '../content/schema.js';
import { createBoundedDistance, letterMask } from './edit-distance.js';
import { contentTokens, fillerWords, neutralFillers, phraseKey, pluralVariants, splitWords, tokenize } from './normalize.js';

/** Names that lost non-brand filler when normalized ("when to use lambda") rank below real names ("lambda"). */
const phraseNameWeight = 0.75;
/** A comparison's `compares` terms name it only weakly: "lambda" opens Lambda, not "Batch vs Lambda". */
const comparedTermWeight = 0.5;

/** One way of naming a topic, as word ids (filler removed). */
export interface Name {
  topic: number;
  words: number[];
  weight: number;
}

export interface AutocompleteName {
  topic: number;
  isTitle: boolean;
  /** Normalized tokens joined by spaces, for prefix tests. */
  text: string;
  tokens: string[];
  label: string;
}

/** Everything lookup needs, computed once from the topics. */
export interface IndexData {
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

const buildDistance = createBoundedDistance();

/** Whether `word` is `known` or a near spelling of it (one edit for short words, two for long). */
function isTypoOf(word: string, known: string): boolean {
  const max = Math.min(word.length, known.length) <= 4 ? 1 : 2;
  return buildDistance(word, known, max) <= max;
}

export function buildIndex(topics: readonly Topic[]): IndexData {
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
