import { notCoveredReply } from './not-covered.js';
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
    // Starting a question is a write: the post that the answer buttons point at.
    const community = deps.store.communities.ensure(caller.community, now);
    const member = deps.store.communities.ensureMember(community.id, caller.userId, caller.displayName, now);
    const item = deps.quiz.pickPracticeItem(member, topicId);
    return deps.quiz.ask(community, member, item, 'practice', 'Practice');
  },
};
