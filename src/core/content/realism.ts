import type { QuizItem, QuizItemData } from './schema.js';

/**
 * Checks that keep questions as real as the exam's, where a guess by length or by tone earns
 * nothing. What can be measured is measured: the right choice's length against the wrong ones,
 * and stems that quote the course notes instead of setting a scenario.
 */

/** The right choice may be at most this much longer than the longest wrong one. */
export const maxRightChoiceExcess = 0.3;
/** At most this share of single-answer items may have the right choice as the longest. */
export const maxRightLongestShare = 0.3;

const quotesNotes = /\b(course|notes?|study (guide|group)|slides?|learners?)\b|\bsays?:?\s*["“]/i;

/** The problems of one item, each with the path of the field at fault. */
export function itemRealismIssues(item: QuizItemData): Array<{ path: Array<string | number>; message: string }> {
  const issues: Array<{ path: Array<string | number>; message: string }> = [];
  if (quotesNotes.test(item.question)) {
    issues.push({ path: ['question'], message: 'quotes notes or a person; set an exam scenario and keep the correction in the explanation' });
  }
  const right = item.choices.flatMap((c, i) => (c.correct ? [i] : []));
  const wrongLongest = Math.max(0, ...item.choices.filter((c) => !c.correct).map((c) => c.text.length));
  const index = right[0];
  if (right.length !== 1 || index === undefined || wrongLongest === 0) return issues;
  const length = item.choices[index]?.text.length ?? 0;
  if (length > wrongLongest * (1 + maxRightChoiceExcess)) {
    const excess = Math.round((length / wrongLongest - 1) * 100);
    issues.push({ path: ['choices', index, 'text'], message: `is the right choice and ${excess}% longer than the longest wrong one (at most 30%): its length gives it away` });
  }
  return issues;
}

/** The share of single-answer items whose right choice is strictly the longest. */
export function rightLongestShare(items: readonly QuizItem[]): { share: number; ids: string[] } {
  const single = items.filter((i) => i.answer.length === 1);
  const ids = single
    .filter((i) => {
      const right = i.choices[i.answer[0] ?? -1]?.text.length ?? 0;
      return i.choices.every((c) => c.correct || c.text.length < right);
    })
    .map((i) => i.id);
  return { share: single.length === 0 ? 0 : ids.length / single.length, ids };
}
