import { recallAfter } from '../review.js';
import type { AnsweredItem } from './answered-item.js';

/**
 * The readiness estimate: for each topic, the chance that the member answers an unseen exam
 * question on it right. A Beta-Binomial model whose evidence fades: each answer adds its
 * weight to the right or wrong side, the weight halving every `halfLifeDays`. The prior is
 * pooled in two steps: a topic is pulled toward the member's own rate over every topic, and
 * that toward the group's. README "Readiness" gives the reasons and the measured calibration.
 */
export interface ReadinessModel {
  halfLifeDays: number;
  /** Pseudo-answers pulling a topic toward the member's overall rate. */
  topicPrior: number;
  /** Pseudo-answers pulling the member's overall rate toward the group's. */
  memberPrior: number;
  /** The section figure is shown once its standard deviation is at most this. */
  maxSd: number;
}

export const readinessModel: ReadinessModel = { halfLifeDays: 30, topicPrior: 4, memberPrior: 6, maxSd: 0.07 };

export interface TopicWeight {
  topicId: string;
  /** The topic's share of the exam; the shares sum to 1. */
  share: number;
}

export interface TopicEstimate extends TopicWeight {
  /** The estimated chance of answering an unseen question on the topic right. */
  chance: number;
  answers: number;
  /** The answers' weight after fading and discounting: what the estimate rests on. */
  evidence: number;
}

export interface ReadinessEstimate {
  topics: TopicEstimate[];
  /** The exam-weighted chance of answering an unseen exam question right. */
  overall: number;
  /** Its standard deviation, counting the member's own evidence only. */
  sd: number;
  /** How many more answers each topic needs before the figure means something; empty when it does. */
  needs: { topicId: string; more: number }[];
}

export interface EstimateInput {
  /** Oldest first. */
  history: readonly AnsweredItem[];
  /** FSRS stability in days, for each item the member has a review card for. */
  stability: ReadonlyMap<string, number>;
  topics: readonly TopicWeight[];
  /** The group's share of right answers, the prior of last resort. */
  baseRate: number;
  now: number;
}

const dayMs = 86_400_000;

export function estimateReadiness(input: EstimateInput, model: ReadinessModel = readinessModel): ReadinessEstimate {
  const index = new Map(input.topics.map((t, i) => [t.topicId, i]));
  const right = new Float64Array(input.topics.length);
  const weight = new Float64Array(input.topics.length);
  const answers = new Uint32Array(input.topics.length);
  const last = new Map<string, AnsweredItem>();
  const decay = Math.LN2 / (model.halfLifeDays * dayMs);
  for (const a of input.history) {
    const t = index.get(a.topicId);
    if (t === undefined) continue;
    let w = Math.exp(-decay * Math.max(0, input.now - a.answeredAt));
    // An item seen before is partly remembered, not worked out: the share FSRS says they
    // recall of it says nothing about unseen items, so only the rest counts, right or wrong.
    const before = last.get(a.itemId);
    if (before) w *= 1 - recallAfter((a.answeredAt - before.answeredAt) / dayMs, input.stability.get(a.itemId), before.correct);
    last.set(a.itemId, a);
    if (a.correct) right[t]! += w;
    weight[t]! += w;
    answers[t]! += 1;
  }
  const base = Math.min(0.95, Math.max(0.05, input.baseRate));
  const totalRight = right.reduce((s, x) => s + x, 0);
  const totalWeight = weight.reduce((s, x) => s + x, 0);
  const memberRate = (totalRight + model.memberPrior * base) / (totalWeight + model.memberPrior);
  const topics = input.topics.map((t, i) => ({
    ...t,
    chance: (right[i]! + model.topicPrior * memberRate) / (weight[i]! + model.topicPrior),
    answers: answers[i]!,
    evidence: weight[i]!,
  }));
  const overall = topics.reduce((s, t) => s + t.share * t.chance, 0);
  const sd = Math.sqrt(variance(topics));
  return { topics, overall, sd, needs: sd <= model.maxSd ? [] : answersNeeded(topics, model.maxSd) };
}

/** Each topic's part of the section figure's variance per answer: share² × p(1 − p). */
const spread = (t: TopicEstimate): number => t.share ** 2 * t.chance * (1 - t.chance);

/** The section figure's variance as if topics were independent, counting the member's own evidence only. */
function variance(topics: readonly TopicEstimate[]): number {
  return topics.reduce((s, t) => s + spread(t) / (t.evidence + 1), 0);
}

/** Adds one answer at a time where it narrows the figure most, until it is narrow enough. */
function answersNeeded(topics: readonly TopicEstimate[], maxSd: number): { topicId: string; more: number }[] {
  const extra = new Float64Array(topics.length);
  let v = variance(topics);
  for (let step = 0; step < 1000 && v > maxSd ** 2; step++) {
    let best = 0;
    let bestGain = -1;
    topics.forEach((t, i) => {
      const n = t.evidence + extra[i]! + 1;
      const gain = spread(t) * (1 / n - 1 / (n + 1));
      if (gain > bestGain) [best, bestGain] = [i, gain];
    });
    extra[best]! += 1;
    v -= bestGain;
  }
  return topics.map((t, i) => ({ topicId: t.topicId, more: extra[i]! })).filter((n) => n.more > 0).sort((a, b) => b.more - a.more);
}
