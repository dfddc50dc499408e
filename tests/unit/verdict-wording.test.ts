import { afterAll, describe, expect, it } from 'vitest';
import { revealReply } from '../../src/core/daily/post-render.js';
import { verdictReply } from '../../src/core/render/question.js';
import type { Post } from '../../src/store/posts.js';
import { createTestApp } from '../support/test-app.js';

const app = createTestApp();
afterAll(() => app.dispose());

const post: Post = {
  id: 1,
  communityId: 1,
  kind: 'daily',
  itemId: '',
  memberId: null,
  scheduleId: 1,
  channelId: 'C0STUDY',
  localDay: '2026-11-16',
  status: 'closed',
  messageRef: null,
  closesAt: 86_400_000,
  answerCount: 3,
  correctCount: 2,
};

/** Two choice letters joined by "and", then a singular verb: "B and D is". */
const twoWithSingularVerb = /\b[A-E] and [A-E]\b(\)[^\n]*)? (is|was)\b/;

describe('verdicts and reveals agree in number with the choices they name', () => {
  const chooseTwo = app.library.items.filter((item) => item.answer.length === 2);
  const single = app.library.items.filter((item) => item.answer.length === 1);

  it('a choose-two verdict says "B and D are correct" and "the answers are"; a single one keeps "is"', () => {
    expect(chooseTwo.length).toBeGreaterThan(0);
    for (const item of chooseTwo) {
      const wrong = item.choices.map((_, i) => i).filter((i) => !item.answer.includes(i)).slice(0, 2);
      const right = verdictReply(item, { correct: true, chosen: item.answer, notes: [], buttons: [] }).text;
      const missed = verdictReply(item, { correct: false, chosen: wrong, notes: [], buttons: [] }).text;
      expect(right, item.id).toMatch(/^✅ Right! [A-E] and [A-E] are correct\./);
      expect(missed, item.id).toMatch(/; the answers are [A-E] and [A-E]\./);
      for (const text of [right, missed]) expect(text, item.id).not.toMatch(twoWithSingularVerb);
    }
    const item = single[0]!;
    expect(verdictReply(item, { correct: true, chosen: item.answer, notes: [], buttons: [] }).text).toMatch(/^✅ Right! [A-E] is correct\./);
    expect(verdictReply(item, { correct: false, chosen: [(item.answer[0]! + 1) % item.choices.length], notes: [], buttons: [] }).text).toMatch(/; the answer is [A-E]\./);
  });

  it('a choose-two reveal heads its two choices "Answers:"', () => {
    for (const item of chooseTwo) {
      const reveal = revealReply(item, { ...post, itemId: item.id }, app.library, { revealNames: true, rightNames: ['Ana'], streakLeaders: [], choiceCounts: new Map() }).text;
      expect(reveal, item.id).toMatch(/^Answers: [A-E]\) .* and [A-E]\) /m);
    }
    const item = single[0]!;
    expect(revealReply(item, { ...post, itemId: item.id }, app.library, { revealNames: true, rightNames: [], streakLeaders: [], choiceCounts: new Map() }).text).toMatch(/^Answer: [A-E]\) /m);
  });
});
