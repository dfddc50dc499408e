import { dayKey } from '../time.js';
import type { ActivityDay } from './activity-chart.js';

const dayMs = 86_400_000;

/**
 * Buckets answers into the last `count` local days, oldest first, today included; days
 * without answers are there with zeros. Day keys come from the calendar, not from stepping
 * 24 hours, so a daylight-saving change never skips or repeats a day.
 */
export function lastDays(answers: readonly { answeredAt: number; correct: boolean }[], now: number, timeZone: string, count: number): ActivityDay[] {
  const [y, m, d] = dayKey(now, timeZone).split('-').map(Number) as [number, number, number];
  const days: ActivityDay[] = [];
  for (let i = count - 1; i >= 0; i--) days.push({ day: new Date(Date.UTC(y, m - 1, d - i)).toISOString().slice(0, 10), answered: 0, correct: 0 });
  const byKey = new Map(days.map((day) => [day.day, day]));
  for (const a of answers) {
    const day = byKey.get(dayKey(a.answeredAt, timeZone));
    if (!day) continue;
    day.answered += 1;
    if (a.correct) day.correct += 1;
  }
  return days;
}

/** Early enough to hold every answer of the last `count` local days in any time zone. */
export function lastDaysSince(now: number, count: number): number {
  return now - (count + 1) * dayMs;
}
