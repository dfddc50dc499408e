import { readinessChart } from '../charts/readiness-chart.js';
import type { ExamBlueprint } from '../content/exam-schema.js';
import type { Library } from '../library.js';
import { reply, type Block, type Reply } from '../reply.js';
import type { ReadinessEstimate } from './estimate.js';
import { passShare, percent, scaledScore } from './exam-scale.js';
import { studyNext } from './study-next.js';

/** What the scale comparison is and is not. */
export function estimateNote(exam: ExamBlueprint): string {
  return `An estimate: the chance of answering an unseen exam question right, from your answers (recent ones count more). AWS scales ${exam.code} scores (${exam.score.min}–${exam.score.max}, ${exam.score.pass} to pass) and does not publish how; about ${percent(passShare)} right is taken as the pass line.`;
}

/**
 * The estimate per topic as bars against the pass line, once it means something; a topic
 * with no answers of its own is drawn as "not enough data" rather than as its prior.
 */
export function readinessImage(library: Library, estimate: ReadinessEstimate): Block[] {
  if (estimate.needs.length > 0) return [];
  const rows = estimate.topics.map((t) => ({ title: library.topic(t.topicId)?.title ?? t.topicId, readiness: t.answers > 0 ? t.chance : undefined }));
  return [{ type: 'image', ...readinessChart(rows, passShare) }];
}

/** A member's own readiness, or what they still need to answer for one. */
export function memberReadinessReply(library: Library, name: string, estimate: ReadinessEstimate): Reply {
  const next = studyNext(library, estimate);
  const title = (id: string): string => library.topic(id)?.title ?? id;
  if (estimate.needs.length > 0) {
    const total = estimate.needs.reduce((s, n) => s + n.more, 0);
    const shown = estimate.needs.slice(0, 6).map((n) => `${n.more} on ${title(n.topicId)}`);
    const others = estimate.needs.slice(6);
    if (others.length > 0) shown.push(`${others.reduce((s, n) => s + n.more, 0)} across ${others.length} other topics`);
    const text = `Not enough answers yet for an honest estimate. About ${total} more would do it: ${shown.join(', ')}. /quiz, the daily quiz and /review all count.`;
    const heading = `Readiness for ${name}`;
    return reply('ephemeral', [{ type: 'heading', text: heading }, { type: 'markdown', text }, ...next]);
  }
  const score = scaledScore(estimate.overall, library.exam);
  const gap = Math.round((estimate.overall - passShare) * 100);
  const verdict = gap >= 0 ? `above the pass line by ${gap} points` : `below the pass line by ${-gap} points`;
  const fields = [
    { label: 'Readiness', value: `${percent(estimate.overall)} (±${Math.round(estimate.sd * 100)})` },
    { label: 'Pass line', value: `about ${percent(passShare)} right` },
    { label: `On the ${library.exam.score.min}–${library.exam.score.max} scale`, value: `≈ ${score} (pass ${library.exam.score.pass})` },
    { label: 'Verdict', value: verdict },
  ];
  const rows = estimate.topics.map((t) => [title(t.topicId), percent(t.share), percent(t.chance), String(t.answers)]);
  const heading = `Readiness for ${name}: ${percent(estimate.overall)}, ${verdict}`;
  const blocks: Block[] = [
    { type: 'heading', text: heading },
    { type: 'fields', fields },
    { type: 'table', columns: ['Topic', 'Exam share', 'Chance', 'Answers'], rows },
    ...readinessImage(library, estimate),
    ...next,
    { type: 'context', text: estimateNote(library.exam) },
  ];
  return reply('ephemeral', blocks);
}
