import type { Topic } from '../content/schema.js';
import { contentTokens, phraseKey, splitComparison, splitWords, tokenize } from './normalize.js';
import { buildIndex, type AutocompleteName } from './index-data.js';
import { createScorer } from './topic-scorer.js';

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
