import type { Difficulty } from './content/schema.js';

/**
 * Points reward being right, never being fast, so members in every time zone compete
 * on equal terms. Only daily quiz answers score; practice and review build personal
 * stats and the review queue.
 */
export const pointsFor: Record<Difficulty, number> = { easy: 10, medium: 15, hard: 20 };

export function isCorrect(answer: readonly number[], chosen: readonly number[]): boolean {
  return answer.length === chosen.length && answer.every((a, i) => a === chosen[i]);
}

export function accuracy(correct: number, answered: number): string {
  return answered === 0 ? '–' : `${Math.round((100 * correct) / answered)}%`;
}
