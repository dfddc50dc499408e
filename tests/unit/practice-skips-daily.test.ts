import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Reply } from '../../src/core/reply.js';
import { ManualClock } from '../support/clock.js';
import { caller, createTestApp } from '../support/test-app.js';

type App = ReturnType<typeof createTestApp>;
const hour = 3_600_000;

const itemOf = (app: App, reply: Reply): string | undefined => {
  const block = reply.blocks.find((b) => b.type === 'choices');
  if (!block || block.type !== 'choices') return undefined;
  return app.store.db.prepare('SELECT item_id FROM posts WHERE id = ?').pluck().get(Number(block.action.split(':')[1])) as string;
};

describe("practice and review never serve the community's open daily question", () => {
  let app: App;
  let clock: ManualClock;
  beforeEach(() => {
    clock = new ManualClock(Date.UTC(2026, 10, 18, 12, 0));
    // random() = 0: practice always takes the first candidate, the one a daily on it would hide.
    app = createTestApp({ clock, random: () => 0 });
  });
  afterEach(() => app.dispose());

  const ana = caller('Ana', { community: 'home' });
  const bo = caller('Bo', { community: 'elsewhere' });
  const quiz = (who = ana, topic = 'lambda') => app.bot.handle(who, { type: 'text', text: `/quiz ${topic}` });
  /** The community's daily question on `itemId`, open for `hours`. */
  const openDaily = (who: typeof ana, itemId: string, hours = 2): number =>
    app.store.write(() => {
      const community = app.store.communities.ensure(who.community, clock.now());
      return app.store.posts.create({ communityId: community.id, kind: 'daily', itemId, channelId: 'quiz', localDay: '2026-11-18', opensAt: clock.now(), closesAt: clock.now() + hours * hour }, clock.now()).id;
    });

  it('/quiz and its buttons skip the open daily item, in that community only, until it closes', async () => {
    const pool = app.library.itemsOf('lambda').map((i) => i.id);
    // The item practice would serve first, then made today's daily question.
    const first = app.store.write(() => {
      const community = app.store.communities.ensure(ana.community, clock.now());
      return app.deps.quiz.pickPracticeItem(app.store.communities.ensureMember(community.id, 'ana', 'Ana', clock.now()), 'lambda')!.id;
    });
    openDaily(ana, first);
    const served = [];
    for (let i = 0; i < pool.length; i++) served.push(itemOf(app, await quiz()));
    served.push(itemOf(app, await app.bot.handle(ana, { type: 'action', id: 'qz:lambda' })));
    expect(served).not.toContain(first);
    expect(served.every((id) => id !== undefined && pool.includes(id))).toBe(true);
    // Another community's daily does not hide anything here, and ours hides nothing there.
    expect(itemOf(app, await quiz(bo))).toBe(first);

    clock.advance(3 * hour); // the daily question has closed
    const after = [];
    for (let i = 0; i < pool.length; i++) after.push(itemOf(app, await quiz()));
    expect(after).toContain(first);
  });

  it('a topic whose every question is open as a daily question says so instead of giving one away', async () => {
    for (const item of app.library.itemsOf('lambda')) openDaily(ana, item.id);
    const reply = await quiz();
    expect(itemOf(app, reply)).toBeUndefined();
    expect(reply.text).toMatch(/^The only question on that topic is open as today's daily question/);
    expect(itemOf(app, await quiz(ana, 'ecs'))).toBeDefined();
  });

  it('/review holds back a due item while it is open as the daily question, and says why', async () => {
    const asked = await quiz(ana, 'fargate');
    const missed = itemOf(app, asked)!;
    const item = app.library.item(missed)!;
    const wrong = [...item.choices.keys()].filter((i) => !item.answer.includes(i)).slice(0, item.answer.length);
    const action = asked.blocks.find((b) => b.type === 'choices');
    await app.bot.handle(ana, { type: 'action', id: `${action?.type === 'choices' ? action.action : ''}:${wrong.join('+')}` });
    clock.advance(24 * hour); // due
    openDaily(ana, missed);
    const review = await app.bot.handle(ana, { type: 'text', text: '/review' });
    expect(itemOf(app, review)).toBeUndefined();
    expect(review.text).toMatch(/open as today's daily question/);
    expect(itemOf(app, await app.bot.handle(ana, { type: 'action', id: 'rvn' }))).toBeUndefined();

    clock.advance(3 * hour);
    expect(itemOf(app, await app.bot.handle(ana, { type: 'text', text: '/review' }))).toBe(missed);
  });
});
