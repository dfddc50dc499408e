import { groupShares, type ExamBlueprint } from './content/exam-schema.js';
import type { ContentBundle, QuizItem, Topic } from './content/schema.js';
import { comparisonCard } from './render/comparison-card.js';
import { topicCard } from './render/topic-card.js';
import type { Reply } from './reply.js';
import { createTopicIndex, type TopicIndex } from './topics/topic-index.js';

/** The loaded content, indexed for the commands. Built once at start-up. */
export interface Library {
  exam: ExamBlueprint;
  /** The topic groups in the exam's order, each with its topics in reading order. */
  groups: readonly { name: string; topics: readonly Topic[] }[];
  /** Each topic's share of the exam (summing to 1): its group's share split evenly among the group's topics. */
  topicShare(topicId: string): number;
  topics: readonly Topic[];
  index: TopicIndex;
  items: readonly QuizItem[];
  item(id: string): QuizItem | undefined;
  itemsOf(topicId: string): readonly QuizItem[];
  topic(id: string): Topic | undefined;
  /** The topic's /explain card; content never changes while running, so each is built once. */
  card(topic: Topic): Reply;
  /** Two topics side by side ("X vs Y"), built once per pair. */
  comparison(a: Topic, b: Topic): Reply;
}

export function createLibrary(content: ContentBundle): Library {
  const items = new Map(content.items.map((item) => [item.id, item]));
  const byTopic = new Map<string, QuizItem[]>();
  for (const item of content.items) {
    const list = byTopic.get(item.topic) ?? [];
    list.push(item);
    byTopic.set(item.topic, list);
  }
  const index = createTopicIndex(content.topics);
  const cards = new Map<string, Reply>();
  const groups = content.exam.sections.flatMap((s) => s.groups.map((g) => ({ name: g.name, topics: content.topics.filter((t) => t.group === g.name).sort(readingOrder) })));
  const shares = groupShares(content.exam, new Set(content.topics.map((t) => t.group)));
  const topicShares = new Map(content.topics.map((t) => [t.id, (shares.get(t.group) ?? 0) / content.topics.filter((x) => x.group === t.group).length]));
  const library: Library = {
    exam: content.exam,
    groups,
    topicShare: (topicId) => topicShares.get(topicId) ?? 0,
    topics: content.topics,
    index,
    items: content.items,
    item: (id) => items.get(id),
    itemsOf: (topicId) => byTopic.get(topicId) ?? [],
    topic: (id) => index.byId(id),
    card: (topic) => {
      let card = cards.get(topic.id);
      if (!card) cards.set(topic.id, (card = Object.freeze(topicCard(topic, library))));
      return card;
    },
    comparison: (a, b) => {
      const key = `${a.id} vs ${b.id}`;
      let card = cards.get(key);
      if (!card) cards.set(key, (card = Object.freeze(comparisonCard(a, b))));
      return card;
    },
  };
  return library;
}

/**
 * A group in the order a learner reads it: the basics before what builds on them, a comparison
 * after the things it compares. File names and titles cannot say that ("Docker vs virtual
 * machines" would come before "Docker and containers"), so each topic states its place.
 */
function readingOrder(a: Topic, b: Topic): number {
  return (a.order ?? Number.MAX_SAFE_INTEGER) - (b.order ?? Number.MAX_SAFE_INTEGER) || a.title.localeCompare(b.title, 'en');
}
