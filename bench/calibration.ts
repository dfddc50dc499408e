import type { Library } from '../src/core/library.js';
import { estimateReadiness, readinessModel, type ReadinessModel } from '../src/core/readiness/estimate.js';
import { examTopics } from '../src/core/readiness/member-readiness.js';
import { brier, decileCalibration, spearman, type Pair } from './calibration-metrics.js';
import { mulberry32 } from './dataset.js';
import { answer, dayMs, examItems, freshChance, itemParams, newLearner, practiceItem, type ItemParams, type Learner } from './learners.js';

const start = Date.UTC(2026, 0, 5, 9);

/** Sixty days of the daily quiz, practice, review and practice exams for a group of learners. */
export function simulate(library: Library, learnerCount: number, days: number, seed: number): { learners: Learner[]; params: Map<string, ItemParams>; dailyRate: number } {
  const random = mulberry32(seed);
  const params = itemParams(library, random);
  const topicIndex = new Map(library.topics.map((t, i) => [t.id, i]));
  const learners = Array.from({ length: learnerCount }, () => newLearner(library.topics.length, random));
  let dailyAnswered = 0;
  let dailyRight = 0;
  const ask = (l: Learner, itemId: string, kind: Parameters<typeof answer>[4], at: number): boolean => {
    const item = library.item(itemId)!;
    return answer(l, item, topicIndex.get(item.topic)!, params.get(item.id)!, kind, at, random);
  };
  for (let d = 0; d < days; d++) {
    const daily = library.items[Math.floor(random() * library.items.length)]!;
    for (const l of learners) {
      let at = start + d * dayMs + Math.floor(random() * 3600_000);
      if (random() < l.dailyChance) {
        dailyAnswered++;
        if (ask(l, daily.id, 'daily', at)) dailyRight++;
      }
      for (let q = Math.floor(l.practicePerDay + random()); q > 0; q--) ask(l, practiceItem(l, library.items, random).id, 'practice', (at += 60_000));
      if (random() < l.reviewChance) {
        for (const card of [...l.cards.values()].filter((c) => c.due <= at)) ask(l, card.itemId, 'review', (at += 60_000));
      }
      if (l.examEvery > 0 && d > 0 && d % l.examEvery === 0) for (const item of examItems(l, library, 20, random)) ask(l, item.id, 'exam', (at += 60_000));
    }
  }
  return { learners, params, dailyRate: dailyRight / Math.max(1, dailyAnswered) };
}

export interface CalibrationResult {
  brier: number;
  brierFloor: number;
  calibrationError: number;
  bins: { predicted: number; truth: number; n: number }[];
  topicRankGroup: number;
  topicRankMember: number;
  overallError: number;
  shown: number;
  learners: number;
}

/** The estimator's figures at the end, against each learner's true chance on unseen items. */
export function evaluate(library: Library, sim: ReturnType<typeof simulate>, now: number, model: ReadinessModel = readinessModel): CalibrationResult {
  const topics = examTopics(library);
  const pairs: Pair[] = [];
  const groupEstimate = new Float64Array(topics.length);
  const groupTruth = new Float64Array(topics.length);
  let memberRank = 0;
  let overallError = 0;
  let shown = 0;
  for (const l of sim.learners) {
    // What ReviewStore.stabilities reads from the stored cards.
    const stabilities = new Map([...l.cards.values()].map((c) => [c.itemId, (JSON.parse(c.state) as { stability: number }).stability]));
    const estimate = estimateReadiness({ history: l.history, stability: stabilities, topics, baseRate: sim.dailyRate, now }, model);
    if (estimate.needs.length > 0) continue;
    shown++;
    const truth = topics.map((t) => {
      const items = library.itemsOf(t.topicId);
      const index = library.topics.findIndex((x) => x.id === t.topicId);
      return items.reduce((s, i) => s + freshChance(l, index, sim.params.get(i.id)!, now), 0) / items.length;
    });
    estimate.topics.forEach((t, i) => {
      pairs.push({ predicted: t.chance, truth: truth[i]! });
      groupEstimate[i]! += t.chance;
      groupTruth[i]! += truth[i]!;
    });
    memberRank += spearman(estimate.topics.map((t) => t.chance), truth);
    overallError += Math.abs(estimate.overall - topics.reduce((s, t, i) => s + t.share * truth[i]!, 0));
  }
  const b = brier(pairs);
  const calibration = decileCalibration(pairs);
  return {
    brier: b.brier,
    brierFloor: b.floor,
    calibrationError: calibration.error,
    bins: calibration.bins,
    topicRankGroup: spearman([...groupEstimate], [...groupTruth]),
    topicRankMember: memberRank / Math.max(1, shown),
    overallError: overallError / Math.max(1, shown),
    shown,
    learners: sim.learners.length,
  };
}
