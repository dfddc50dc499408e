import type { Topic } from '../content/schema.js';
import { contentTokens, splitWords, tokenize } from './normalize.js';
import { shortTitle } from '../render/topic-card.js';
import type { AutocompleteName, TopicNames } from './topic-names.js';
import { rankedTopics, scoreTopics, topicScore } from './topic-scores.js';

export interface TopicChoice {
  /** At most 100 characters (Discord's limit for autocomplete choices). */
  label: string;
  /** What to look up when chosen: a topic id, or "ecs vs eks" for a comparison. */
  value: string;
}

/** What autocomplete needs from lookup to offer comparisons. */
export interface ComparisonLookup {
  resolve(words: string[]): number;
  comparisonOf(a: number, b: number): { found: true; topic: Topic; versus?: Topic } | { found: false };
}

const maxLabelLength = 100;
/** Typed between two names, these make the choices comparisons ("ecs vs e" → "Amazon ECS vs Amazon EKS"). */
const separators: ReadonlySet<string> = new Set(['vs', 'versus', 'v', 'or']);

export function autocompleteTopics(index: TopicNames, query: string, limit: number, compare: ComparisonLookup): TopicChoice[] {
  const max = Math.max(0, Math.floor(limit));
  if (max === 0 || typeof query !== 'string' || query.length > 200) return [];
  // Raw words, not synonyms: "k8" must still reach the alias "k8s" while it is being typed.
  const words = splitWords(query);
  const cut = words.findIndex((w, i) => i > 0 && separators.has(w));
  if (cut > 0) {
    const comparisons = comparisonChoices(index, words.slice(0, cut), words.slice(cut + 1), compare);
    if (comparisons.length > 0) return comparisons.slice(0, max);
  }
  return topicChoices(index, words, query).slice(0, max).map((c) => ({ label: truncate(c.label), value: c.topic.id }));
}

/** Topics for what was typed, best first, each with the label of the name that fits best. */
function topicChoices(index: TopicNames, words: string[], query: string): Array<{ topic: Topic; label: string }> {
  const topics = index.topics;
  const byTitle = [...topics.keys()].sort((a, b) => (topics[a] as Topic).title.localeCompare((topics[b] as Topic).title));
  if (words.length === 0) return byTitle.map((t) => ({ topic: topics[t] as Topic, label: (topics[t] as Topic).title }));
  const text = words.join(' ');
  const best = topics.map(() => ({ score: 0, label: '', titleMatched: false }));
  for (const name of index.autocompleteNames) {
    const s = prefixScore(name, text, words);
    const b = best[name.topic];
    if (s === 0 || !b) continue;
    if (name.isTitle) b.titleMatched = true;
    if (s > b.score) Object.assign(b, { score: s, label: name.label });
  }
  // Typos and whole phrases ("lamdba", "what is fargate") rank after every prefix match.
  const tokens = tokenize(query);
  const content = contentTokens(tokens);
  const scores = scoreTopics(index, content.length > 0 ? content : tokens, false);
  for (const t of rankedTopics(scores, topics.length)) {
    const b = best[t];
    if (b && b.score === 0) b.score = Math.min(Math.max(topicScore(scores, t), 0.5), 99);
  }
  return byTitle
    .filter((t) => (best[t]?.score ?? 0) > 0)
    .sort((a, b) => (best[b]?.score ?? 0) - (best[a]?.score ?? 0))
    // When the title itself fits what was typed, show just the title.
    .map((t) => ({ topic: topics[t] as Topic, label: best[t]?.titleMatched || !best[t]?.label ? (topics[t] as Topic).title : best[t].label }));
}

/** "X vs …": X against every topic that fits what follows, each as its comparison (or hand-written card). */
function comparisonChoices(index: TopicNames, left: string[], right: string[], compare: ComparisonLookup): TopicChoice[] {
  const a = compare.resolve(contentTokens(tokenize(left.join(' '))));
  if (a < 0) return [];
  const out = new Map<string, string>();
  for (const { topic } of topicChoices(index, right, right.join(' '))) {
    const b = index.topics.indexOf(topic);
    if (b === a) continue;
    const result = compare.comparisonOf(a, b);
    if (!result.found) continue;
    if (result.versus) out.set(`${result.topic.id} vs ${result.versus.id}`, `${shortTitle(result.topic)} vs ${shortTitle(result.versus)}`);
    else if (result.topic.compares.length > 0) out.set(result.topic.id, result.topic.title);
  }
  return [...out].map(([value, label]) => ({ label: truncate(label), value }));
}

/** How well a typed prefix fits a name; 0 when it does not. Shorter names win ties. */
function prefixScore(name: AutocompleteName, text: string, words: string[]): number {
  const len = Math.min(name.text.length, 99);
  if (name.text === text) return 1000;
  if (name.text.startsWith(text)) return 900 - len;
  if (name.text.includes(` ${text}`)) return 800 - len;
  if (words.every((q) => name.words.some((w) => w.startsWith(q)))) return 700 - len;
  // No mid-word matches: "ec" inside "gb-second" is noise, not a suggestion.
  return 0;
}

function truncate(label: string): string {
  return label.length <= maxLabelLength ? label : `${label.slice(0, maxLabelLength - 1)}…`;
}
