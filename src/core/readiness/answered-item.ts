/**
 * One answer in a member's history, whatever asked it: the daily quiz, /quiz, /review or a
 * practice exam. Readiness reads nothing else about an answer.
 */
export interface AnsweredItem {
  itemId: string;
  topicId: string;
  correct: boolean;
  answeredAt: number;
  kind: 'daily' | 'practice' | 'review' | 'exam';
}
