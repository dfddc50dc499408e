import { encodeAction } from '../actions.js';
import type { CoreDeps } from '../commands/spec.js';
import type { Library } from '../library.js';
import type { Block } from '../reply.js';
import type { Community } from '../../store/communities.js';
import type { ReadinessEstimate, TopicEstimate } from './estimate.js';
import { percent } from './exam-scale.js';
import { memberReadiness } from './member-readiness.js';

/**
 * The topics where study gains the most: the share of the exam the member is expected to
 * miss on each (its share × the chance of a miss), largest first.
 */
export function studyNextTopics(estimate: ReadinessEstimate, count = 3): TopicEstimate[] {
  const atStake = (t: TopicEstimate): number => t.share * (1 - t.chance);
  return [...estimate.topics].sort((a, b) => atStake(b) - atStake(a) || a.topicId.localeCompare(b.topicId)).slice(0, count);
}

/** "Study next" as blocks, from an estimate already made. */
export function studyNext(library: Library, estimate: ReadinessEstimate): Block[] {
  const topics = studyNextTopics(estimate);
  const title = (t: TopicEstimate): string => library.topic(t.topicId)?.title ?? t.topicId;
  const lines = topics.map((t, i) => `${i + 1}. ${title(t)}: ${percent(t.share)} of the exam, about ${percent(t.chance)} right now`);
  const heading = 'Study next (where more study gains the most)';
  const blocks: Block[] = [{ type: 'markdown', text: `**${heading}**\n${lines.join('\n')}` }];
  for (const t of topics) {
    blocks.push({
      type: 'buttons',
      buttons: [
        { id: encodeAction({ type: 'explain', topicId: t.topicId }), label: `Read: ${title(t)}`.slice(0, 80) },
        { id: encodeAction({ type: 'quiz', topicId: t.topicId }), label: `Practise: ${title(t)}`.slice(0, 80), style: 'primary' },
      ],
    });
  }
  return blocks;
}

/** Study next for one member: /stats, the end of a review session and the exam report show it. */
export function studyNextBlocks(deps: CoreDeps, community: Community, memberId: number): Block[] {
  return studyNext(deps.library, memberReadiness(deps, community, memberId));
}
