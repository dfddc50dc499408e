import { describe, expect, it } from 'vitest';
import { loadContent } from '../../src/core/content/load.js';
import { createLibrary } from '../../src/core/library.js';
import type { AnsweredItem } from '../../src/core/readiness/answered-item.js';
import { estimateReadiness, readinessModel, type EstimateInput, type TopicWeight } from '../../src/core/readiness/estimate.js';
import { passShare, scaledScore } from '../../src/core/readiness/exam-scale.js';
import { examTopics } from '../../src/core/readiness/member-readiness.js';
import { studyNextTopics } from '../../src/core/readiness/study-next.js';

const day = 86_400_000;
const now = Date.UTC(2026, 10, 18, 12);
const library = createLibrary(loadContent('content'));
const topics = examTopics(library);

/** `n` answers to distinct items on each topic, `daysAgo` days ago, right with the given pattern. */
function answers(n: number, daysAgo: number, right: (i: number) => boolean, only?: string): AnsweredItem[] {
  return topics
    .filter((t) => !only || t.topicId === only)
    .flatMap((t) => Array.from({ length: n }, (_, i) => ({ itemId: `${t.topicId}-${daysAgo}-${i}`, topicId: t.topicId, correct: right(i), answeredAt: now - daysAgo * day + i, kind: 'practice' as const })));
}

const estimate = (history: AnsweredItem[], extra: Partial<EstimateInput> = {}) =>
  estimateReadiness({ history, stability: new Map(), topics, baseRate: 0.6, now, ...extra });

describe('the readiness estimate on hand-built histories', () => {
  it('all right recently is high, all wrong is low, and both show a figure', () => {
    const high = estimate(answers(4, 1, () => true));
    const low = estimate(answers(4, 1, () => false));
    expect(high.needs).toEqual([]);
    expect(low.needs).toEqual([]);
    expect(high.overall).toBeGreaterThan(0.8);
    expect(low.overall).toBeLessThan(0.25);
    for (const t of high.topics) expect(t.chance).toBeGreaterThan(passShare);
  });

  it('weights recent answers more: wrong long ago and right lately beats the reverse', () => {
    const improved = estimate([...answers(3, 120, () => false), ...answers(3, 2, () => true)]);
    const slipped = estimate([...answers(3, 120, () => true), ...answers(3, 2, () => false)]);
    expect(improved.overall).toBeGreaterThan(0.6);
    expect(slipped.overall).toBeLessThan(0.4);
    // One half-life on, an answer weighs half as much.
    const fresh = estimate(answers(1, 0, () => true, 'ecs')).topics.find((t) => t.topicId === 'ecs')!;
    const old = estimate(answers(1, readinessModel.halfLifeDays, () => true, 'ecs')).topics.find((t) => t.topicId === 'ecs')!;
    expect(old.evidence).toBeCloseTo(fresh.evidence / 2, 3);
  });

  it('weighs each topic by its share of the exam', () => {
    const e = estimate(answers(4, 1, (i) => i < 2));
    expect(e.overall).toBeCloseTo(e.topics.reduce((s, t) => s + t.share * t.chance, 0), 10);
    expect(topics.reduce((s, t) => s + t.share, 0)).toBeCloseTo(1, 10);
  });

  it('says how many more answers on which topics, and those answers are enough', () => {
    const thin = estimate(answers(1, 1, () => true, 'lambda'));
    expect(thin.needs.length).toBeGreaterThan(0);
    expect(thin.needs.every((n) => n.more > 0)).toBe(true);
    expect(thin.needs.some((n) => n.topicId === 'lambda')).toBe(true);
    // Answering exactly what it asked for gives a figure.
    const asked = thin.needs.flatMap((n) => answers(n.more, 0, (i) => i % 2 === 0, n.topicId));
    const after = estimate([...answers(1, 1, () => true, 'lambda'), ...asked]);
    expect(after.needs).toEqual([]);
    expect(after.sd).toBeLessThanOrEqual(readinessModel.maxSd);
  });

  it('an answer to an item seen before counts for less, and less still the better FSRS says it is remembered', () => {
    const item = (correct: boolean, daysAgo: number, id = 'ecs-1'): AnsweredItem => ({ itemId: id, topicId: 'ecs', correct, answeredAt: now - daysAgo * day, kind: 'review' });
    const ecs = (e: ReturnType<typeof estimate>) => e.topics.find((t) => t.topicId === 'ecs')!;
    const repeated = ecs(estimate([item(false, 3), item(true, 2)]));
    const twoItems = ecs(estimate([item(false, 3), item(true, 2, 'ecs-2')]));
    expect(repeated.evidence).toBeLessThan(twoItems.evidence);
    expect(repeated.chance).toBeLessThan(twoItems.chance);
    const stable = ecs(estimate([item(false, 3), item(true, 2)], { stability: new Map([['ecs-1', 100]]) }));
    expect(stable.evidence).toBeLessThan(repeated.evidence);
  });

  it('ignores answers on topics the exam no longer lists', () => {
    const e = estimate([{ itemId: 'x', topicId: 'retired-topic', correct: true, answeredAt: now, kind: 'exam' }]);
    expect(e.topics.reduce((s, t) => s + t.answers, 0)).toBe(0);
  });
});

describe('the exam scale and Study next', () => {
  it('maps the share right to the 100–1000 scale with 70% at the pass mark', () => {
    expect(scaledScore(0, library.exam)).toBe(100);
    expect(scaledScore(passShare, library.exam)).toBe(700);
    expect(scaledScore(1, library.exam)).toBe(1000);
    expect(scaledScore(0.85, library.exam)).toBe(850);
  });

  it('picks the three topics with the most of the exam at stake: share × chance of a miss', () => {
    const few: TopicWeight[] = [
      { topicId: 'a', share: 0.5 },
      { topicId: 'b', share: 0.3 },
      { topicId: 'c', share: 0.1 },
      { topicId: 'd', share: 0.1 },
    ];
    const history = (topic: string, right: boolean, n: number): AnsweredItem[] =>
      Array.from({ length: n }, (_, i) => ({ itemId: `${topic}${i}`, topicId: topic, correct: right, answeredAt: now, kind: 'daily' }));
    // a: big share, mastered; b: big share, weak; c, d: small shares, weak.
    const e = estimateReadiness({ history: [...history('a', true, 20), ...history('b', false, 20), ...history('c', false, 20), ...history('d', false, 5)], stability: new Map(), topics: few, baseRate: 0.6, now });
    expect(studyNextTopics(e).map((t) => t.topicId)).toEqual(['b', 'c', 'd']);
  });
});
