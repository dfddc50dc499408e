import { notCoveredReply } from './not-covered.js';
import { notice, type Reply } from '../reply.js';
import type { Command } from './spec.js';

export const quizCommand: Command = {
  spec: {
    name: 'quiz',
    description: 'A practice question now (counts toward your stats and review, not the leaderboard)',
    usage: '/quiz [topic]',
    visibility: 'ephemeral',
    options: [{ name: 'topic', description: 'a topic to practise; any topic when left out', type: 'text', autocomplete: 'topic', rest: true, maxLength: 200 }],
  },
  run({ deps, caller }, args) {
    let topicId: string | undefined;
    if (args.topic !== undefined && args.topic.trim() !== '') {
      const result = deps.library.index.lookup(args.topic);
      if (!result.found) return notCoveredReply(result, args.topic, '/quiz');
      topicId = result.topic.id;
    }
    const now = deps.clock.now();
    // Starting a question is a write: the post that the answer buttons point at, shown only once committed.
    return deps.store.write(() => {
      const community = deps.store.communities.ensure(caller.community, now);
      const member = deps.store.communities.ensureMember(community.id, caller.userId, caller.displayName, now);
      const item = deps.quiz.pickPracticeItem(member, topicId);
      return item ? deps.quiz.ask(community, member, item, 'practice', 'Practice') : onlyTheDailyLeft(topicId);
    });
  },
};

/**
 * Nothing left to practise: what is left is open as today's daily question (a practice verdict
 * would give its answer away) or set aside after two members reported it.
 */
function onlyTheDailyLeft(topicId: string | undefined): Reply {
  const what = topicId ? 'The only question on that topic' : 'Every question';
  return notice(
    `${what} is open as today's daily question in this community, or set aside after members reported it (/reports): answer the daily question in the channel. Try /quiz with another topic meanwhile.`,
  );
}
