import type { Topic } from '../content/schema.js';
import { contentTokens, fillerWords, neutralFillers, phraseKey, pluralVariants, splitWords, tokenize } from './normalize.js';
import { letterSet, typoDistance } from './typo.js';

/** Names that lost non-brand filler ("when to use lambda") rank below real names ("lambda"). */
const phraseNameWeight = 0.75;
/** A comparison's `compares` terms name it only weakly: "lambda" opens Lambda, not "Batch vs Lambda". */
const comparedTermWeight = 0.5;

/** One way of naming a topic: its meaningful words, and how much a full match of them counts. */
export interface Name {
  topic: number;
  words: string[];
  weight: number;
}

/** A name offered while the learner is still typing. */
export interface AutocompleteName {
  topic: number;
  isTitle: boolean;
  /** The name's words joined by spaces, for prefix tests. */
  text: string;
  words: string[];
  label: string;
}

/** A hand-written comparison card and the keys of the two things it compares. */
export interface ComparisonCard {
  topic: number;
  a: string;
  b: string;
}

/** Everything lookup needs, computed once from the topics. */
export interface TopicNames {
  topics: readonly Topic[];
  names: Name[];
  /** Word → the names that use it. */
  namesByWord: Map<string, Name[]>;
  /** Word → the topics whose names use it. */
  wordTopics: Map<string, Set<number>>;
  /** Known words of four letters or more by length, with their letter sets: the only typo targets ("ecs", "eks" and "ec2" are one edit apart). */
  typoTargets: Map<number, Array<{ word: string; letters: number }>>;
  /** 1/sqrt(topics using the word, singular and plural together): "lambda" in five topics says less than "fargate". */
  specificity: Map<string, number>;
  /** Every singular or plural spelling of a known word → [word, match quality]. */
  spellings: Map<string, Array<[string, number]>>;
  /** Phrase key (tokens without spaces) → topic, for exact id, title and alias hits. */
  phrases: Map<string, number>;
  /** Per topic, the keys a comparison side may resolve to (none for comparison cards). */
  conceptKeys: string[][];
  compareTerms: Array<{ key: string; words: string[] }>;
  comparisonCards: ComparisonCard[];
  autocompleteNames: AutocompleteName[];
  /** Per topic, how often each word occurs in its card's text: to say which cards mention something not covered. */
  cardWords: Array<Map<string, number>>;
}

export function buildTopicNames(topics: readonly Topic[]): TopicNames {
  const names: Name[] = [];
  // [key, topic, rank]: lower ranks win a shared key, so an exact alias beats a stripped phrase.
  const phraseEntries: Array<[string, number, number]> = [];
  const conceptKeys: string[][] = topics.map(() => []);
  const compareTerms = new Map<string, string[]>();
  const comparisonCards: ComparisonCard[] = [];

  const addName = (text: string, topic: number, compared: boolean): string => {
    const tokens = tokenize(text);
    const words = contentTokens(tokens);
    const lostMeaning = tokens.some((t) => fillerWords.has(t) && !neutralFillers.has(t));
    const key = phraseKey(words);
    phraseEntries.push([phraseKey(tokens), topic, compared ? 4 : 0]);
    if (words.length === 0) return key;
    phraseEntries.push([key, topic, compared ? 5 : lostMeaning ? 2 : 1]);
    names.push({ topic, words, weight: (compared ? comparedTermWeight : 1) * (lostMeaning ? phraseNameWeight : 1) });
    if (!compared && !lostMeaning && (topics[topic]?.compares.length ?? 0) === 0) conceptKeys[topic]?.push(key);
    return key;
  };

  topics.forEach((topic, t) => {
    addName(topic.id.replaceAll('-', ' '), t, false);
    // "Amazon ECS (Elastic Container Service)" also names the topic by each part alone.
    const titleParts = topic.title.split(/[():]/).map((p) => p.trim()).filter((p) => p.length > 0);
    for (const text of [topic.title, ...(titleParts.length > 1 ? titleParts : []), ...topic.aliases]) addName(text, t, false);
    const [a, b] = topic.compares.map((term) => {
      compareTerms.set(phraseKey(contentTokens(tokenize(term))), contentTokens(tokenize(term)));
      return addName(term, t, true);
    });
    if (a !== undefined && b !== undefined) comparisonCards.push({ topic: t, a, b });
  });

  const { namesByWord, wordTopics } = wordIndexOf(names);
  const spellings = spellingsOf([...wordTopics.keys()]);
  return {
    topics,
    names,
    namesByWord,
    wordTopics,
    typoTargets: typoTargetsOf([...wordTopics.keys()]),
    specificity: specificityOf(wordTopics, spellings),
    spellings,
    phrases: phrasesOf(phraseEntries),
    conceptKeys,
    compareTerms: [...compareTerms].map(([key, words]) => ({ key, words })),
    comparisonCards,
    autocompleteNames: topics.flatMap((topic, t) => autocompleteNamesOf(topic, t)),
    cardWords: topics.map((topic) => wordCounts([topic.title, topic.summary, ...topic.keyPoints, ...topic.examTips, ...topic.examVsToday].join(' '))),
  };
}

/** Each phrase key to its topic; where two topics share a key, the lower rank wins. */
function phrasesOf(entries: Array<[key: string, topic: number, rank: number]>): Map<string, number> {
  const phrases = new Map<string, number>();
  for (const [key, topic] of [...entries].sort((x, y) => x[2] - y[2])) if (key.length > 0 && !phrases.has(key)) phrases.set(key, topic);
  return phrases;
}

function wordIndexOf(names: readonly Name[]): { namesByWord: Map<string, Name[]>; wordTopics: Map<string, Set<number>> } {
  const namesByWord = new Map<string, Name[]>();
  const wordTopics = new Map<string, Set<number>>();
  for (const name of names) {
    for (const word of new Set(name.words)) {
      namesByWord.set(word, [...(namesByWord.get(word) ?? []), name]);
      wordTopics.set(word, (wordTopics.get(word) ?? new Set()).add(name.topic));
    }
  }
  return { namesByWord, wordTopics };
}

function typoTargetsOf(words: readonly string[]): Map<number, Array<{ word: string; letters: number }>> {
  const targets = new Map<number, Array<{ word: string; letters: number }>>();
  for (const word of words) if (word.length >= 4) targets.set(word.length, [...(targets.get(word.length) ?? []), { word, letters: letterSet(word) }]);
  return targets;
}

function wordCounts(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const word of tokenize(text)) counts.set(word, (counts.get(word) ?? 0) + 1);
  return counts;
}

function spellingsOf(words: string[]): Map<string, Array<[string, number]>> {
  const spellings = new Map<string, Array<[string, number]>>();
  for (const word of words) {
    for (const [form, quality] of pluralVariants(word)) {
      const list = spellings.get(form) ?? [];
      const existing = list.find(([w]) => w === word);
      if (existing) existing[1] = Math.max(existing[1], quality);
      else list.push([word, quality]);
      spellings.set(form, list);
    }
  }
  return spellings;
}

/**
 * Specificity counts singular and plural together: "server" is in one topic, but "servers"
 * in four, so "servers" alone must not look like a word unique to Lightsail.
 */
function specificityOf(wordTopics: Map<string, Set<number>>, spellings: Map<string, Array<[string, number]>>): Map<string, number> {
  const out = new Map<string, number>();
  for (const word of wordTopics.keys()) {
    const family = new Set<number>();
    const related = [...pluralVariants(word).map(([form]) => form), ...(spellings.get(word) ?? []).map(([w]) => w)];
    for (const w of related) for (const t of wordTopics.get(w) ?? []) family.add(t);
    out.set(word, 1 / Math.sqrt(family.size));
  }
  return out;
}

function autocompleteNamesOf(topic: Topic, t: number): AutocompleteName[] {
  const titleWords = splitWords(topic.title);
  const titleText = titleWords.join(' ');
  const knownWords = [...titleWords, ...topic.id.split('-')];
  const out: AutocompleteName[] = [{ topic: t, isTitle: true, text: titleText, words: titleWords, label: topic.title }];
  for (const alias of topic.aliases) {
    const words = splitWords(alias);
    const text = words.join(' ');
    // An alias inside the title ("fargate") or a misspelling kept for lookup ("farget") shows as the title.
    const plain = titleText.includes(text) || words.every((w) => knownWords.some((k) => isTypoOf(w, k)));
    out.push({ topic: t, isTitle: false, text, words, label: plain ? topic.title : `${topic.title} (${alias})` });
  }
  return out;
}

/** Whether `word` is `known` or a near spelling of it (one edit for short words, two for long). */
function isTypoOf(word: string, known: string): boolean {
  return typoDistance(word, known) <= (Math.min(word.length, known.length) <= 4 ? 1 : 2);
}
