import { memberReadiness } from '../readiness/member-readiness.js';
import { studyNext } from '../readiness/study-next.js';
import { notice, reply } from '../reply.js';
import { formatDuration } from '../time.js';
import type { Command, CommandContext } from './spec.js';
import type { Reply } from '../reply.js';

export const reviewCommand: Command = {
  spec: {
    name: 'review',
    description: 'Your due review items: questions you missed or found hard, spaced out over time',
    usage: '/review',
    visibility: 'ephemeral',
    options: [],
  },
  run: (ctx) => nextReview(ctx),
};

/** The first due review item as a question, or when the next one is due. */
export function nextReview({ deps, caller, community }: CommandContext): Reply {
  const member = community && deps.store.communities.findMember(community.id, caller.userId);
  const now = deps.clock.now();
  if (!community || !member || deps.store.reviews.total(member.id) === 0) {
    return notice('Your review queue is empty. Questions you miss in /quiz or the daily quiz land here, spaced out so they stick.');
  }
  // An item open as the community's daily question waits until it closes: reviewing it would give the answer away.
  // An item two members reported is set aside until an admin dismisses the reports.
  const daily = deps.store.posts.openDailyItems(community.id, now);
  const withheld = deps.store.reports.withheld(community.id);
  const due = deps.store.reviews.due(member.id, now, 50).filter((card) => deps.library.item(card.itemId) && !daily.has(card.itemId) && !withheld.has(card.itemId));
  const first = due[0];
  if (!first) {
    if (daily.size > 0 && deps.store.reviews.dueCount(member.id, now) > 0) {
      return notice("Your due review item is open as today's daily question: answer it in the channel. It comes back here after the reveal.");
    }
    const next = deps.store.reviews.nextDue(member.id);
    const when = next === undefined ? 'later' : `in ${formatDuration(next - now)}`;
    // The session is over: point at what to study instead.
    const done = notice(`Nothing is due for review right now. The next item is due ${when}. Try /quiz meanwhile.`);
    return reply(done.visibility, [...done.blocks, ...studyNext(deps.library, memberReadiness(deps, community, member.id))]);
  }
  const item = deps.library.item(first.itemId)!;
  const count = deps.store.reviews.dueCount(member.id, now);
  return deps.quiz.ask(community, member, item, 'review', `Review · ${count} due`);
}
