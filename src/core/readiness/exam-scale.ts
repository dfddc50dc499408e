import type { ExamBlueprint } from '../content/exam-schema.js';

/**
 * The share of questions right taken as the pass line. AWS scales scores (100–1000, 700 to
 * pass for CLF-C02) and does not publish how; 70% right at the border is the usual reading,
 * and only an estimate.
 */
export const passShare = 0.7;

/** A share of questions right on the exam's scale: linear below and above the pass line, rounded to 10. */
export function scaledScore(share: number, exam: ExamBlueprint): number {
  const { min, max, pass } = exam.score;
  const s = Math.min(1, Math.max(0, share));
  const score = s <= passShare ? min + (s / passShare) * (pass - min) : pass + ((s - passShare) / (1 - passShare)) * (max - pass);
  return Math.round(score / 10) * 10;
}

export const percent = (share: number): string => `${Math.round(share * 100)}%`;
