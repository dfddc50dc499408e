import type { CoreDeps } from '../commands/spec.js';
import type { Library } from '../library.js';
import type { Community } from '../../store/communities.js';
import { estimateReadiness, type ReadinessEstimate, type TopicWeight } from './estimate.js';

/** With no daily answers in the group yet, the prior of last resort leans neither way. */
const neutralRate = 0.5;
/** Pseudo-answers holding a young group's daily rate near neutral until it has answers. */
const groupPrior = 10;

/** Every topic the exam can ask, with its share, in the exam's order. */
export function examTopics(library: Library): TopicWeight[] {
  return library.groups.flatMap((g) => g.topics.map((t) => ({ topicId: t.id, share: library.topicShare(t.id) })));
}

/** The group's share of right answers on its recent daily questions, pulled toward neutral while it has few. */
/** What estimating readiness reads: the daily digest has these without the commands' other services. */
export type ReadinessDeps = Pick<CoreDeps, 'store' | 'library' | 'clock'>;

export function groupBaseRate(deps: ReadinessDeps, community: Community): number {
  const { answered, correct } = deps.store.history.dailyRate(community.id);
  return (correct + groupPrior * neutralRate) / (answered + groupPrior);
}

/** One member's readiness from their whole history and their review cards. */
export function memberReadiness(deps: ReadinessDeps, community: Community, memberId: number, baseRate = groupBaseRate(deps, community)): ReadinessEstimate {
  const now = deps.clock.now();
  const history = deps.store.history.history(community.id, memberId);
  return estimateReadiness({ history, stability: deps.store.reviews.stabilities(memberId), topics: examTopics(deps.library), baseRate, now });
}
