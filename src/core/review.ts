import { createEmptyCard, default_w, forgetting_curve, fsrs, Rating, type Card, type Grade } from 'ts-fsrs';
import type { StoredCard } from '../store/reviews.js';

/**
 * Spaced review with FSRS (ts-fsrs): a missed question comes back soon, then at growing
 * intervals while the member keeps getting it right.
 */
const scheduler = fsrs({ enable_fuzz: false });

export type ReviewGrade = 'again' | 'hard' | 'good';

const grades: Record<ReviewGrade, Grade> = { again: Rating.Again, hard: Rating.Hard, good: Rating.Good };

/** The card after one review at `now`; a missing card starts empty. */
export function reviewCard(itemId: string, stored: StoredCard | undefined, grade: ReviewGrade, now: number): StoredCard {
  const card = stored ? parseCard(stored.state) : createEmptyCard(new Date(now));
  const next = scheduler.next(card, new Date(now), grades[grade]).card;
  return { itemId, due: next.due.getTime(), state: JSON.stringify(next) };
}

/**
 * FSRS's chance of recalling an item `days` after its last answer. Without a card, the
 * stability FSRS gives a first answer right or wrong.
 */
export function recallAfter(days: number, cardStability: number | undefined, lastRight: boolean): number {
  const s = cardStability && cardStability > 0 ? cardStability : (default_w[lastRight ? 2 : 0] ?? 1);
  return forgetting_curve(default_w, Math.max(0, days), s);
}

function parseCard(state: string): Card {
  const raw = JSON.parse(state) as Card & { due: string; last_review?: string };
  return { ...raw, due: new Date(raw.due), last_review: raw.last_review ? new Date(raw.last_review) : undefined };
}
