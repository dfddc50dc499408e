import type { ContentBundle, QuizItem, Topic } from './content/schema.js';
import { createTopicIndex, type TopicIndex } from './topics/topic-index.js';

/** The loaded content, indexed for the commands. Built once at start-up. */
export interface Library {
  topics: readonly Topic[];
  index: TopicIndex;
  items: readonly QuizItem[];
  item(id: string): QuizItem | undefined;
  itemsOf(topicId: string): readonly QuizItem[];
  topic(id: string): Topic | undefined;
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
  return {
    topics: content.topics,
    index,
    items: content.items,
    item: (id) => items.get(id),
    itemsOf: (topicId) => byTopic.get(topicId) ?? [],
    topic: (id) => index.byId(id),
  };
}
