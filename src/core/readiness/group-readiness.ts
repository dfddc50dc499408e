import type { Community } from '../../store/communities.js';
import type { TopicWeight } from './estimate.js';
import { passShare } from './exam-scale.js';
import { examTopics, groupBaseRate, memberReadiness, type ReadinessDeps } from './member-readiness.js';

/** A member is active when they answered anything in this many days. */
export const activeDays = 14;
/** Below this many active members the group view shows no figures, so nobody's can be read off it. */
export const minGroup = 3;
/** A larger group is estimated from this many of its active members, spread evenly. */
export const groupSample = 400;

export interface GroupReadiness {
  active: number;
  /** How many active members were estimated (all of them, or the sample). */
  estimated: number;
  /** Of those, how many have enough answers for a figure, and how many of those are above the pass line. */
  withFigure: number;
  abovePass: number;
  /** Each topic's mean chance over the estimated members, in the exam's order. */
  topics: (TopicWeight & { chance: number })[];
}

export function groupReadiness(deps: ReadinessDeps, community: Community, sample = groupSample): GroupReadiness {
  const since = deps.clock.now() - activeDays * 86_400_000;
  const active = deps.store.history.activeMembers(community.id, since).sort((a, b) => a - b);
  const step = active.length / sample;
  const chosen = active.length <= sample ? active : Array.from({ length: sample }, (_, i) => active[Math.floor(i * step)]!);
  const baseRate = groupBaseRate(deps, community);
  const topics = examTopics(deps.library).map((t) => ({ ...t, chance: 0 }));
  let withFigure = 0;
  let abovePass = 0;
  for (const memberId of chosen) {
    const estimate = memberReadiness(deps, community, memberId, baseRate);
    estimate.topics.forEach((t, i) => (topics[i]!.chance += t.chance / chosen.length));
    if (estimate.needs.length > 0) continue;
    withFigure++;
    if (estimate.overall >= passShare) abovePass++;
  }
  return { active: active.length, estimated: chosen.length, withFigure, abovePass, topics };
}
