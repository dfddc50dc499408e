import { encodeAction } from '../actions.js';
import type { Topic } from '../content/schema.js';
import type { Library } from '../library.js';
import { reply, type Block, type Reply } from '../reply.js';

const bullets = (lines: readonly string[]): string => lines.map((l) => `- ${l}`).join('\n');

/** The /explain card: title, summary, key points, exam tips, related topics, AWS source. */
export function topicCard(topic: Topic, library: Library): Reply {
  const related = topic.related.map((id) => library.topic(id)).filter((t): t is Topic => t !== undefined);
  const blocks: Block[] = [
    { type: 'heading', text: topic.title },
    { type: 'markdown', text: topic.summary },
    { type: 'fields', fields: [{ label: 'Key points', value: bullets(topic.keyPoints) }] },
    { type: 'fields', fields: [{ label: 'Exam tips', value: bullets(topic.examTips) }] },
  ];
  if (topic.examVsToday.length > 0) {
    blocks.push({ type: 'fields', fields: [{ label: 'Exam answer vs today', value: bullets(topic.examVsToday) }] });
  }
  const buttons = [
    { id: encodeAction({ type: 'quiz', topicId: topic.id }), label: 'Quiz me on this', style: 'primary' as const },
    ...related.slice(0, 4).map((t) => ({ id: encodeAction({ type: 'explain', topicId: t.id }), label: shortTitle(t) })),
  ];
  blocks.push({ type: 'buttons', buttons });
  // The buttons name four related topics, shortened; this names them all in full.
  if (related.length > 0) blocks.push({ type: 'context', text: `Related: ${related.map((t) => t.title).join(', ')}` });
  blocks.push({ type: 'context', text: `Source: ${topic.sources.join(' · ')} · Last verified ${topic.last_verified}` });
  return reply('public', blocks);
}

/** A button-sized title: "Amazon ECS (Elastic Container Service)" -> "Amazon ECS". */
export function shortTitle(topic: Topic): string {
  const short = topic.title.replace(/\s*\(.*\)\s*$/, '');
  return short.length <= 40 ? short : `${short.slice(0, 39)}…`;
}
