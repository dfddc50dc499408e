import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { choiceActionId, encodeAction, parseAction } from '../../src/core/actions.js';
import type { Reply } from '../../src/core/reply.js';
import { ManualClock } from '../support/clock.js';
import { caller, createTestApp, type TestApp } from '../support/test-app.js';

type App = ReturnType<typeof createTestApp>;

const choicesOf = (reply: Reply): { action: string; pick: number; count: number } => {
  const block = reply.blocks.find((b) => b.type === 'choices');
  if (!block || block.type !== 'choices') throw new Error(`no choices in: ${reply.text}`);
  return { action: block.action, pick: block.pick, count: block.choices.length };
};
/** The post a question's choices block belongs to, as the core reads a press of it. */
const postIdOf = (action: string): number => {
  const pressed = parseAction(choiceActionId(action, [0]));
  if (pressed?.type !== 'answer') throw new Error(`not an answer block: ${action}`);
  return pressed.postId;
};
const rows = (app: TestApp, table: string): number => (app.store.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('practice quiz on a real database', () => {
  let app: App;
  let clock: ManualClock;
  beforeEach(() => {
    clock = new ManualClock();
    app = createTestApp({ clock });
  });
  afterEach(() => app.dispose());

  const ask = (user: string, topic = 'fargate') => app.bot.handle(caller(user), { type: 'text', text: `/quiz ${topic}` });
  const answerRight = async (user: string, reply: Reply) => {
    const { action } = choicesOf(reply);
    const item = app.library.item(app.store.posts.get(app.store.communities.find(caller(user).community)!.id, postIdOf(action))!.itemId)!;
    return app.bot.handle(caller(user), { type: 'action', id: choiceActionId(action, item.answer) });
  };
  const answerWrong = async (user: string, reply: Reply) => {
    const { action, pick, count: n } = choicesOf(reply);
    const post = app.store.posts.get(app.store.communities.find(caller(user).community)!.id, postIdOf(action))!;
    const item = app.library.item(post.itemId)!;
    const wrong = [...Array(n).keys()].filter((i) => !item.answer.includes(i)).slice(0, pick);
    return app.bot.handle(caller(user), { type: 'action', id: choiceActionId(action, wrong) });
  };

  it('asks a question on the topic, privately, with choices', async () => {
    const reply = await ask('Ana', 'fargate');
    expect(reply.visibility).toBe('ephemeral');
    expect(reply.text).toContain('AWS Fargate');
    expect(choicesOf(reply).count).toBeGreaterThanOrEqual(3);
  });

  it('a right answer says so, explains every option, and counts toward stats but not the leaderboard', async () => {
    const verdict = await answerRight('Ana', await ask('Ana'));
    expect(verdict.visibility).toBe('ephemeral');
    expect(verdict.text).toMatch(/Right/);
    expect(verdict.text.match(/[✅❌] [A-E]\)/g)?.length).toBeGreaterThanOrEqual(3);
    const stats = await app.bot.handle(caller('Ana'), { type: 'text', text: '/stats' });
    expect(stats.text).toMatch(/Answers: 1 \(100% right\)/);
    expect(stats.text).toMatch(/AWS Fargate: 1\/1/);
    const board = await app.bot.handle(caller('Ana'), { type: 'text', text: '/leaderboard all' });
    expect(board.text).toMatch(/No daily quiz answers yet/);
  });

  it('a wrong answer names the right one and puts the item in review; the first answer counts', async () => {
    const question = await ask('Ana');
    const verdict = await answerWrong('Ana', question);
    expect(verdict.text).toMatch(/Not quite.*the answers? (is|are) [A-E]/);
    expect(verdict.text).toMatch(/review/i);
    const again = await answerRight('Ana', question);
    expect(again.text).toMatch(/already answered.*wrong/);
    expect(rows(app, 'answers')).toBe(1);
    // FSRS brings a missed item back after a short learning step, not the same second.
    expect((await app.bot.handle(caller('Ana'), { type: 'text', text: '/review' })).text).toMatch(/next item is due in 1 min/);
    clock.advance(2 * 60_000);
    const review = await app.bot.handle(caller('Ana'), { type: 'text', text: '/review' });
    expect(review.text).toMatch(/Review · 1 due/);
  });

  it('review spaces items out with FSRS: due again later, not immediately after a right answer', async () => {
    await answerWrong('Ana', await ask('Ana'));
    clock.advance(2 * 60_000);
    const first = await app.bot.handle(caller('Ana'), { type: 'text', text: '/review' });
    const verdict = await answerRight('Ana', first);
    expect(verdict.text).toMatch(/Right/);
    const now = await app.bot.handle(caller('Ana'), { type: 'text', text: '/review' });
    expect(now.text).toMatch(/Nothing is due.*next item is due in/);
    clock.advance(30 * 24 * 3600_000);
    const later = await app.bot.handle(caller('Ana'), { type: 'text', text: '/review' });
    expect(later.text).toMatch(/Review · 1 due/);
  });

  it('"that was hard" adds a right answer to review', async () => {
    const verdict = await answerRight('Ana', await ask('Ana'));
    const hard = verdict.blocks.flatMap((b) => (b.type === 'buttons' ? b.buttons : [])).find((b) => b.id.startsWith('rva:'));
    expect(hard).toBeDefined();
    const added = await app.bot.handle(caller('Ana'), { type: 'action', id: hard!.id });
    expect(added.text).toMatch(/Added to your \/review queue/);
    expect(app.store.reviews.total(app.store.communities.findMember(1, 'ana')!.id)).toBe(1);
  });

  it('a choose-two item needs exactly two choices and writes nothing otherwise', async () => {
    let reply = await ask('Ana', 'ecs');
    for (let i = 0; i < 40 && choicesOf(reply).pick !== 2; i++) reply = await ask('Ana', 'ecs');
    const { action, pick } = choicesOf(reply);
    expect(pick).toBe(2);
    const one = await app.bot.handle(caller('Ana'), { type: 'action', id: choiceActionId(action, [0]) });
    expect(one.text).toMatch(/exactly 2 choices/);
    expect(rows(app, 'answers')).toBe(0);
    expect((await answerRight('Ana', reply)).text).toMatch(/Right/);
  });

  it('another member cannot answer my practice question, and another community cannot see it', async () => {
    const question = await ask('Ana');
    const { action } = choicesOf(question);
    const bob = await app.bot.handle(caller('Bob'), { type: 'action', id: choiceActionId(action, [0]) });
    expect(bob.text).toMatch(/belongs to someone else/);
    const stranger = await app.bot.handle(caller('Eve', { community: 'other' }), { type: 'action', id: choiceActionId(action, [0]) });
    expect(stranger.text).toMatch(/not available here/);
    expect(rows(app, 'answers')).toBe(0);
    expect(app.store.communities.find(caller('Eve', { community: 'other' }).community)).toBeUndefined();
  });

  it('malformed, out-of-range and unknown button ids get a clear reply and write nothing', async () => {
    const question = await ask('Ana');
    const { action } = choicesOf(question);
    const before = { answers: rows(app, 'answers'), members: rows(app, 'members'), posts: rows(app, 'posts') };
    for (const id of [choiceActionId(action, [9]), choiceActionId(action, [0, 0]), encodeAction({ type: 'answer', postId: 999_999, choices: [0] }), 'ans:abc:0', 'ans:1:', encodeAction({ type: 'explain', topicId: 'nope' }), encodeAction({ type: 'quiz', topicId: 'nope' }), encodeAction({ type: 'review-add', postId: 999 }), '', 'x'.repeat(500)]) {
      const reply = await app.bot.handle(caller('Ana'), { type: 'action', id });
      expect(reply.visibility, id).toBe('ephemeral');
      expect(reply.text.length, id).toBeGreaterThan(10);
    }
    expect({ answers: rows(app, 'answers'), members: rows(app, 'members'), posts: rows(app, 'posts') }).toEqual(before);
  });

  it('practice picks items the member has not seen yet', async () => {
    const seen = new Set<string>();
    const total = app.library.itemsOf('lambda').length;
    for (let i = 0; i < total; i++) {
      const reply = await ask('Ana', 'lambda');
      const post = app.store.posts.get(1, Number(choicesOf(reply).action.split(':')[1]))!;
      seen.add(post.itemId);
      await answerRight('Ana', reply);
    }
    expect(seen.size).toBe(total);
  });

  /** Ana's member row, and the item behind a question reply. */
  const ana = () => app.store.communities.findMember(app.store.communities.find(caller('Ana').community)!.id, 'ana')!;
  const itemOf = (reply: Reply) => app.store.posts.get(1, Number(choicesOf(reply).action.split(':')[1]))!.itemId;

  it('once every item of a topic is answered, practice brings back the ones never got right', async () => {
    const total = app.library.itemsOf('fargate').length;
    const missed = new Set<string>();
    for (let i = 0; i < total; i++) {
      const reply = await ask('Ana', 'fargate');
      // The first three wrong: old enough by the end not to count as asked recently.
      if (i < 3) {
        missed.add(itemOf(reply));
        await answerWrong('Ana', reply);
      } else await answerRight('Ana', reply);
    }
    for (let i = 0; i < 30; i++) expect(missed.has(app.deps.quiz.pickPracticeItem(ana(), 'fargate')!.id)).toBe(true);
    expect(missed.has(itemOf(await ask('Ana', 'fargate')))).toBe(true);
  });

  it('practice on any topic leans toward the topics the member misses', async () => {
    for (let i = 0; i < 4; i++) await answerWrong('Ana', await ask('Ana', 'lambda'));
    for (let i = 0; i < 4; i++) await answerRight('Ana', await ask('Ana', 'ecs'));
    const picks = new Map<string, number>();
    for (let i = 0; i < 3000; i++) {
      const topic = app.deps.quiz.pickPracticeItem(ana())!.topic;
      picks.set(topic, (picks.get(topic) ?? 0) + 1);
    }
    // Per unseen item: Lambda (missed 4 of 4) weighs 3.5, ECS (right 4 of 4) 1.5.
    const perItem = (topic: string) => (picks.get(topic) ?? 0) / (app.library.itemsOf(topic).length - 4);
    expect(perItem('lambda')).toBeGreaterThan(1.6 * perItem('ecs'));
    expect(perItem('fargate')).toBeGreaterThan(perItem('ecs'));
  });
});
