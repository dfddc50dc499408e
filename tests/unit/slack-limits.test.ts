import { afterAll, describe, expect, it } from 'vitest';
import { homeView } from '../../src/adapters/slack/app-home.js';
import { renderReply } from '../../src/adapters/slack/render.js';
import { openPostReply, revealReply } from '../../src/core/daily/post-render.js';
import { questionReply, verdictReply, anotherQuestionButton } from '../../src/core/render/question.js';
import { topicCard } from '../../src/core/render/topic-card.js';
import type { Reply } from '../../src/core/reply.js';
import type { Post } from '../../src/store/posts.js';
import { blockKitProblems } from '../fakes/slack-limits.js';
import { caller, createTestApp } from '../support/test-app.js';

const app = createTestApp();
afterAll(() => app.dispose());

// The longest post id an action can carry, so action ids are as long as they get.
const post: Post = {
  id: 999_999_999_999_999,
  communityId: 1,
  kind: 'daily',
  itemId: '',
  memberId: null,
  scheduleId: 1,
  channelId: 'C0STUDY',
  localDay: '2026-11-16',
  status: 'open',
  messageRef: null,
  closesAt: 86_400_000,
  answerCount: 1234,
  correctCount: 1000,
};

const valid = (reply: Reply): string[] => {
  const { text, blocks } = renderReply(reply, { commandPrefix: 'cloudstudy', commandNames: app.bot.specs.map((s) => s.name) });
  return blockKitProblems(blocks, 'message', text);
};

describe('everything the bot says fits Slack Block Kit limits', () => {
  it('every topic card', () => {
    for (const topic of app.library.topics) expect(valid(topicCard(topic, app.library)), topic.id).toEqual([]);
  });

  it('every comparison of two topics', () => {
    const withFacts = app.library.topics.filter((t) => Object.keys(t.facts).length > 0);
    for (const a of withFacts) for (const b of withFacts) if (a !== b) expect(valid(app.library.comparison(a, b)), `${a.id} vs ${b.id}`).toEqual([]);
  });

  it('every question, open daily post, verdict and reveal', () => {
    for (const item of app.library.items) {
      const p = { ...post, itemId: item.id };
      expect(valid(questionReply(item, p, app.library, { visibility: 'ephemeral', header: 'Practice' })), item.id).toEqual([]);
      expect(valid(openPostReply(item, p, app.library, 'Pacific/Chatham')), item.id).toEqual([]);
      const wrong = item.choices.map((_, i) => i).filter((i) => !item.answer.includes(i)).slice(0, item.answer.length);
      const verdict = verdictReply(item, { correct: false, chosen: wrong, notes: ['No points this time', 'Streak: 12 days', 'Added to your /review queue'], buttons: [anotherQuestionButton(item.topic)] });
      expect(valid(verdict), item.id).toEqual([]);
      const names = Array.from({ length: 40 }, (_, i) => `A rather long display name number ${i}`);
      const reveal = revealReply(item, { ...p, status: 'closed' }, app.library, { revealNames: true, rightNames: names, streakLeaders: names.slice(0, 5).map((name, i) => ({ name, streak: 100 - i })), choiceCounts: new Map() });
      expect(valid(reveal), item.id).toEqual([]);
    }
  });

  it('every command reply, and the Home tab', async () => {
    const admin = caller('Ada', { platform: 'slack', admin: true });
    for (const text of ['/help', '/topics', '/stats', '/review', '/leaderboard all', '/daily status', '/explain nothing-like-this', '/explain s3', '/explain ecs vs eks', '/quiz ecs']) {
      expect(valid(await app.bot.handle(admin, { type: 'text', text })), text).toEqual([]);
    }
    const stats = await app.bot.handle(admin, { type: 'command', name: 'stats', args: {} });
    const board = await app.bot.handle(admin, { type: 'command', name: 'leaderboard', args: { period: 'week' } });
    const view = homeView(stats, board, { render: (reply, maxBlocks) => renderReply(reply, maxBlocks ? { maxBlocks } : {}) });
    expect(blockKitProblems(view.blocks, 'home')).toEqual([]);
  });
});
