import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Reply } from '../../src/core/reply.js';
import { DailyWorld, day } from '../support/daily-world.js';
import { caller, createTestApp } from '../support/test-app.js';

type App = ReturnType<typeof createTestApp>;

const buttonIds = (reply: Reply): string[] => reply.blocks.flatMap((b) => (b.type === 'buttons' ? b.buttons.map((x) => x.id) : []));
const reportIdOf = (reply: Reply): string => {
  const id = buttonIds(reply).find((b) => b.startsWith('rep:'));
  if (!id) throw new Error(`no report button in: ${reply.text}`);
  return id;
};
const postIdOf = (reply: Reply): number => {
  const block = reply.blocks.find((b) => b.type === 'choices');
  if (!block || block.type !== 'choices') throw new Error(`no choices in: ${reply.text}`);
  return Number(block.action.split(':')[1]);
};

describe('members report a question', () => {
  let app: App;
  beforeEach(() => {
    app = createTestApp();
  });
  afterEach(() => app.dispose());

  const as = (user: string, text: string, options: { community?: string; admin?: boolean } = {}) => app.bot.handle(caller(user, options), { type: 'text', text });
  const press = (user: string, id: string, options: { community?: string; admin?: boolean } = {}) => app.bot.handle(caller(user, options), { type: 'action', id });
  const submit = (user: string, id: string, text: string, options: { community?: string } = {}) => app.bot.handle(caller(user, options), { type: 'submit', id, text });
  const reports = (): { item_id: string; member_id: number; text: string; dismissed_at: number | null }[] =>
    app.store.db.prepare('SELECT item_id, member_id, text, dismissed_at FROM reports ORDER BY id').all() as never;
  /** A practice question on `topic` for `user`, and its item id. */
  const question = async (user: string, topic = 'ecr', community?: string) => {
    const reply = await as(user, `/quiz ${topic}`, { community });
    const c = app.store.communities.find(caller(user, { community }).community)!;
    return { reply, itemId: app.store.posts.get(c.id, postIdOf(reply))!.itemId };
  };

  it('every question and verdict carries a "Report this question" button; pressing it asks for a text', async () => {
    const { reply, itemId } = await question('Ana');
    const id = reportIdOf(reply);
    const pick = reply.blocks.find((b) => b.type === 'choices')?.type === 'choices' ? (reply.blocks.find((b) => b.type === 'choices') as { pick: number }).pick : 1;
    const verdict = await press('Ana', `ans:${postIdOf(reply)}:${pick === 2 ? '0+1' : '0'}`);
    expect(reportIdOf(verdict)).toBe(id);
    const ask = await press('Ana', id);
    expect(ask.ask).toMatchObject({ action: id, maxLength: 500 });
    expect(ask.text).toContain(itemId);
    expect(reports()).toHaveLength(0);
  });

  it('a submitted report is stored once per member and item; a second one replaces its text', async () => {
    const { reply, itemId } = await question('Ana');
    const first = await submit('Ana', reportIdOf(reply), '  B is also right  ');
    expect(first.text).toMatch(/recorded/);
    const again = await submit('Ana', reportIdOf(reply), 'Actually C is wrong');
    expect(again.text).toMatch(/updated/);
    expect(reports()).toEqual([expect.objectContaining({ item_id: itemId, text: 'Actually C is wrong', dismissed_at: null })]);
  });

  it('two members of a community withhold the item there; one member twice, or a report in another community, does not', async () => {
    const { reply, itemId } = await question('Ana');
    await submit('Ana', reportIdOf(reply), 'wrong');
    await submit('Ana', reportIdOf(reply), 'still wrong');
    const other = await question('Olu', 'ecr', 'c2');
    await submit('Olu', reportIdOf(other.reply), 'wrong there too');
    const c1 = app.store.communities.find(caller('x').community)!.id;
    expect(app.store.reports.withheld(c1).has(itemId)).toBe(false);
    // Bob needs a post of the same item: a daily-style post of the community (no owner).
    const post = app.store.write(() => app.store.posts.create({ communityId: c1, kind: 'daily', itemId, opensAt: 0 }, 0));
    const second = await submit('Bob', `rep:${post.id}`, 'the source disagrees');
    expect(second.text).toMatch(/2 members have reported it/);
    expect(app.store.reports.withheld(c1).has(itemId)).toBe(true);
    const c2 = app.store.communities.find(caller('x', { community: 'c2' }).community)!.id;
    expect(app.store.reports.withheld(c2).has(itemId)).toBe(false);
  });

  it('a withheld item is not served in practice or review until an admin dismisses the reports', async () => {
    const { store } = app;
    const c1 = store.write(() => store.communities.ensure(caller('x').community, 0).id);
    const [ana, bob] = store.write(() => ['ana', 'bob'].map((m) => store.communities.ensureMember(c1, m, m, 0)));
    const items = app.library.itemsOf('ecr');
    const [kept, ...withheld] = items;
    store.write(() => {
      for (const item of withheld) for (const m of [ana!, bob!]) store.reports.report(c1, item.id, m.id, 'wrong', 0);
    });
    for (let i = 0; i < 20; i++) expect((await question('Ana')).itemId).toBe(kept!.id);
    // Review: miss a withheld item before it was withheld, then ask for the review queue.
    const reviewCard = { itemId: withheld[0]!.id, due: 0, state: '{}' };
    store.write(() => store.reviews.save(c1, ana!.id, reviewCard, 0));
    const review = await as('Ana', '/review');
    expect(review.text).toMatch(/Nothing is due for review right now/);
    const refused = await as('Bob', `/reports dismiss ${withheld[0]!.id}`);
    expect(refused.text).toMatch(/Only server or workspace admins/);
    const dismissed = await as('Ada', `/reports dismiss ${withheld[0]!.id}`, { admin: true });
    expect(dismissed.text).toMatch(/Dismissed 2 reports/);
    expect(app.store.reports.withheld(c1).has(withheld[0]!.id)).toBe(false);
  });

  it('a practice exam never draws a withheld item', async () => {
    const { store } = app;
    const c1 = store.write(() => store.communities.ensure(caller('x').community, 0).id);
    const withheld = app.library.items.filter((i) => i.topic === 'ecr' || i.topic === 'lambda').map((i) => i.id);
    store.write(() => {
      const members = ['ana', 'bob'].map((m) => store.communities.ensureMember(c1, m, m, 0));
      for (const id of withheld) for (const m of members) store.reports.report(c1, id, m.id, 'wrong', 0);
    });
    const exam = await as('Ana', '/exam 65');
    expect(exam.text).not.toMatch(/no questions/i);
    const drawn = store.db.prepare('SELECT item_id FROM exam_questions').pluck().all() as string[];
    expect(drawn.length).toBeGreaterThan(0);
    expect(drawn.filter((id) => withheld.includes(id))).toEqual([]);
  });

  it('/reports lists open reports with item id, topic, count and texts, and a dismiss button that only admins may press', async () => {
    const { reply, itemId } = await question('Ana');
    await submit('Ana', reportIdOf(reply), 'B is also right');
    const list = await as('Ada', '/reports', { admin: true });
    expect(list.text).toMatch(new RegExp(`${itemId} · Amazon ECR[^\n]* · 1 report\n`));
    expect(list.text).toContain('"B is also right" (Ana)');
    const dismiss = buttonIds(list).find((id) => id === `rpd:${itemId}`)!;
    expect((await press('Bob', dismiss)).text).toMatch(/Only server or workspace admins/);
    expect(reports()[0]!.dismissed_at).toBeNull();
    expect((await press('Ada', dismiss, { admin: true })).text).toMatch(/Dismissed 1 report on/);
    expect((await as('Ada', '/reports', { admin: true })).text).toMatch(/No open reports/);
    expect((await as('Bob', '/reports')).text).toMatch(/Only server or workspace admins/);
  });

  it('hostile texts and forged submits write nothing', async () => {
    const { reply } = await question('Ana');
    const id = reportIdOf(reply);
    expect((await submit('Ana', id, '   ')).text).toMatch(/empty/);
    expect((await submit('Ana', id, 'x'.repeat(501))).text).toMatch(/too long \(501 characters; the limit is 500\)/);
    expect((await submit('Ana', id, 'bad\u0000byte')).text).toMatch(/control characters/);
    expect((await submit('Ana', id, 'flip \u202e text')).text).toMatch(/control characters/);
    // Another community's post, a post that does not exist, another member's practice question, a non-report action.
    expect((await submit('Olu', id, 'forged', { community: 'c2' })).text).toMatch(/not available here/);
    expect((await submit('Ana', 'rep:999999', 'forged')).text).toMatch(/not available here/);
    expect((await submit('Bob', id, 'not mine')).text).toMatch(/not available here/);
    expect((await submit('Ana', `ans:${postIdOf(reply)}:0`, 'forged')).text).toMatch(/not one I recognise/);
    expect((await press('Olu', id, { community: 'c2' })).ask).toBeUndefined();
    expect(reports()).toHaveLength(0);
    expect(app.store.db.prepare("SELECT count(*) AS n FROM members WHERE external_id IN ('olu', 'bob')").get()).toEqual({ n: 0 });
  });

  it('the schema refuses an over-long or empty text even if the core were bypassed', () => {
    const { store } = app;
    const ana = store.write(() => store.communities.ensureMember(store.communities.ensure(caller('x').community, 0).id, 'ana', 'Ana', 0));
    expect(() => store.write(() => store.reports.report(ana.communityId, 'ecr-01', ana.id, 'x'.repeat(501), 0))).toThrow(/CHECK constraint/);
    expect(() => store.write(() => store.reports.report(ana.communityId, 'ecr-01', ana.id, '', 0))).toThrow(/CHECK constraint/);
  });
});

describe('the daily rotation skips withheld items', () => {
  let world: DailyWorld | undefined;
  afterEach(() => world?.dispose());

  it('a community whose members reported every item but one topic gets only that topic daily', async () => {
    const w = (world = new DailyWorld(Date.parse('2026-03-02T09:00:00Z') - 60_000));
    await w.admin('/daily set #study 09:00 UTC');
    const { store, library } = w.app;
    const c = store.communities.find(caller('x').community)!.id;
    store.write(() => {
      const members = ['ana', 'bob'].map((m) => store.communities.ensureMember(c, m, m, 0));
      for (const item of library.items) if (item.topic !== 'ecr') for (const m of members) store.reports.report(c, item.id, m.id, 'wrong', 0);
    });
    await w.jump(5 * day);
    const posted = w.dailyPosts().map((p) => library.item(p.itemId)!.topic);
    expect(posted.length).toBeGreaterThanOrEqual(5);
    expect(new Set(posted)).toEqual(new Set(['ecr']));
  });
});
