import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderMessage, renderPlain } from '../../src/adapters/discord/render.js';
import { renderReply } from '../../src/adapters/slack/render.js';
import { messageProblem } from '../fakes/fake-discord-limits.js';
import type { Json } from '../fakes/fake-discord.js';
import { blockKitProblems } from '../fakes/slack-limits.js';
import type { Reply } from '../../src/core/reply.js';
import { groupReadiness } from '../../src/core/readiness/group-readiness.js';
import { groupReadinessReply } from '../../src/core/readiness/group-reply.js';
import { studyNextBlocks } from '../../src/core/readiness/study-next.js';
import { ManualClock } from '../support/clock.js';
import { caller, createTestApp } from '../support/test-app.js';

type App = ReturnType<typeof createTestApp>;
const buttonsOf = (reply: Reply) => reply.blocks.flatMap((b) => (b.type === 'buttons' ? b.buttons : []));

describe('/readiness through the core, on a real database', () => {
  let app: App;
  let clock: ManualClock;
  beforeEach(() => {
    clock = new ManualClock(Date.UTC(2026, 10, 18, 12, 0));
    app = createTestApp({ clock, random: () => 0 });
  });
  afterEach(() => app.dispose());
  const run = (text: string, user = 'Ana') => app.bot.handle(caller(user), { type: 'text', text });

  /** A practice question on `topicId` through the quiz button, answered right or wrong. */
  async function practise(user: string, topicId: string, right: boolean): Promise<Reply> {
    const question = await app.bot.handle(caller(user), { type: 'action', id: `qz:${topicId}` });
    const choices = question.blocks.find((b) => b.type === 'choices');
    if (choices?.type !== 'choices') throw new Error(`no question: ${question.text}`);
    const community = app.store.communities.find(caller(user).community)!;
    const item = app.library.item(app.store.posts.get(community.id, Number(choices.action.split(':')[1]))!.itemId)!;
    const pick = right ? item.answer : item.answer.map((a) => (a + 1) % item.choices.length).sort();
    clock.advance(60_000);
    return app.bot.handle(caller(user), { type: 'action', id: `${choices.action}:${[...new Set(pick)].length === pick.length ? pick.join('+') : '0+1'}` });
  }
  /** `n` answers on every topic, right when `right(topic, i)`. */
  async function study(user: string, n: number, right: (topicId: string, i: number) => boolean): Promise<void> {
    for (const topic of app.library.topics) for (let i = 0; i < n; i++) await practise(user, topic.id, right(topic.id, i));
  }

  it('is in the command table, so /help (and every platform) lists it', async () => {
    expect(app.bot.specs.map((s) => s.name)).toContain('readiness');
    expect((await run('/help')).text).toContain('/readiness [group]');
    expect((await run('/readiness everyone')).text).toMatch(/scope must be one of: me, group/);
  });

  it('a stranger is told how to start, and nothing is written', async () => {
    expect((await run('/readiness', 'Stranger')).text).toMatch(/No answers yet/);
    expect((await run('/readiness group', 'Stranger')).text).toMatch(/Nobody here has answered/);
    const n = (t: string) => (app.store.db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
    expect([n('communities'), n('members'), n('posts'), n('answers')]).toEqual([0, 0, 0, 0]);
  });

  it('with too few answers it says how many more on which topics, not a number', async () => {
    await practise('Ana', 'lambda', true);
    const reply = await run('/readiness');
    expect(reply.visibility).toBe('ephemeral');
    expect(reply.text).toMatch(/Not enough answers yet/);
    expect(reply.text).toMatch(/About \d+ more would do it: \d+ on [A-Z]/);
    expect(reply.text).not.toMatch(/pass line by/);
  });

  it('a member who gets everything right is above the pass line; one who gets it all wrong is below', async () => {
    await study('Ana', 3, () => true);
    await study('Bob', 3, () => false);
    const ana = await run('/readiness', 'Ana');
    expect(ana.text).toMatch(/Readiness for Ana: \d+%, above the pass line/);
    expect(ana.text).toMatch(/≈ \d+ \(pass 700\)/);
    expect(ana.text).toMatch(/An estimate.*does not publish how/);
    const table = ana.blocks.find((b) => b.type === 'table');
    expect(table?.type === 'table' && table.rows.length).toBe(app.library.topics.length);
    expect((await run('/readiness', 'Bob')).text).toMatch(/Readiness for Bob: \d+%, below the pass line/);
  });

  it('the readiness figure comes with its picture: a bar per topic against the pass line, in /readiness and /stats', async () => {
    expect((await run('/readiness', 'Ana')).blocks.some((b) => b.type === 'image')).toBe(false); // no figure yet, no picture
    await study('Ana', 3, () => true);
    for (const command of ['/readiness', '/stats']) {
      const reply = await run(command, 'Ana');
      const image = reply.blocks.find((b) => b.type === 'image' && b.name.includes('readiness'));
      expect(image?.type === 'image' && image.alt, command).toMatch(/pass/i);
      for (const topic of app.library.topics) expect(image?.type === 'image' && image.svg, command).toContain(topic.title.replace(/&/g, '&amp;').slice(0, 12));
    }
  });

  it("every readiness reply stays within Discord's and Slack's limits, rich and plain", async () => {
    await practise('Ana', 'lambda', true);
    const replies = [await run('/readiness')];
    await study('Ana', 3, (_, i) => i !== 1);
    await study('Bob', 2, () => true);
    await study('Cyrus', 2, () => false);
    replies.push(await run('/readiness'), await run('/readiness group'), await run('/stats'));
    expect(replies.map((r) => r.text.split('\n')[0])).toEqual(['Readiness for Ana', expect.stringMatching(/^Readiness for Ana: /), 'Group readiness', 'Stats for Ana']);
    for (const reply of replies) {
      for (const body of [renderMessage(reply), renderPlain(reply)]) expect(messageProblem(body as unknown as Json), reply.text.slice(0, 60)).toBeUndefined();
      const slack = renderReply(reply, { commandNames: app.bot.specs.map((s) => s.name) });
      expect(blockKitProblems(slack.blocks, 'message', slack.text), reply.text.slice(0, 60)).toEqual([]);
    }
  });

  it('the group view counts active members above the line and names nobody', async () => {
    await study('Ana', 3, () => true);
    await study('Bob', 3, () => false);
    expect((await run('/readiness group', 'Cy')).text).toMatch(/Fewer than 3 members/);
    await study('Cyrus', 3, (topic) => topic !== 'eks');
    const reply = await run('/readiness group', 'Ana');
    expect(reply.text).toMatch(/Active \(answered in the last 14 days\): 3/);
    expect(reply.text).toMatch(/Above the pass line: 67% \(2 of 3 with enough answers\)/);
    expect(reply.text).toMatch(/Weakest topics: /);
    const everything = JSON.stringify(reply);
    for (const name of ['Ana', 'Bob', 'Cyrus', 'ana', 'bob', 'cyrus']) expect(everything).not.toContain(name);
    // Three weeks later nobody is active any more.
    clock.advance(21 * 86_400_000);
    expect((await run('/readiness group', 'Ana')).text).toMatch(/Fewer than 3 members have answered anything in the last 14 days/);
  });

  it('a large group is estimated from an even sample of its active members, and says so', async () => {
    for (const [i, user] of ['Ana', 'Bob', 'Cyrus', 'Dee'].entries()) await study(user, 2, () => i < 2);
    const community = app.store.communities.find(caller('Ana').community)!;
    const whole = groupReadiness(app.deps, community);
    const sampled = groupReadiness(app.deps, community, 2);
    expect([whole.active, whole.estimated, sampled.active, sampled.estimated]).toEqual([4, 4, 4, 2]);
    // Ana and Bob get everything right, Cyrus and Dee nothing: an even spread takes the 1st
    // and 3rd members, one of each, where the first two would both be right.
    expect(whole.abovePass).toBe(2);
    expect(sampled.abovePass).toBe(1);
    expect(groupReadinessReply(app.library, sampled).text).toMatch(/Estimated from 2 of the 4 active members, spread evenly/);
    expect(groupReadinessReply(app.library, whole).text).not.toMatch(/Estimated from/);
  });

  it('Study next in /stats: three topics, each with buttons that read its card and practise it', async () => {
    await study('Ana', 2, (topic) => topic !== 'lambda' && topic !== 'api-gateway');
    const stats = await run('/stats');
    expect(stats.text).toMatch(/Study next/);
    const buttons = buttonsOf(stats);
    expect(buttons).toHaveLength(6);
    const topics = buttons.filter((b) => b.id.startsWith('qz:')).map((b) => b.id.slice(3));
    expect(topics).toEqual(expect.arrayContaining(['lambda', 'api-gateway']));
    const card = await app.bot.handle(caller('Ana'), { type: 'action', id: buttons[0]!.id });
    expect(card.blocks[0]).toEqual({ type: 'heading', text: app.library.topic(buttons[0]!.id.slice(4))!.title });
    const question = await app.bot.handle(caller('Ana'), { type: 'action', id: buttons[1]!.id });
    expect(question.text).toMatch(/^Practice · /);
    expect(question.blocks.some((b) => b.type === 'choices')).toBe(true);
    // The same blocks are what the exam report is given.
    const community = app.store.communities.find(caller('Ana').community)!;
    expect(studyNextBlocks(app.deps, community, app.store.communities.findMember(community.id, 'ana')!.id)).toEqual(stats.blocks.filter((b) => b.type === 'buttons' || (b.type === 'markdown' && b.text.startsWith('**Study next'))));
  });

  it('Study next closes a review session once nothing more is due', async () => {
    await practise('Ana', 'ecs', false);
    clock.advance(86_400_000);
    const item = await run('/review');
    expect(item.text).toMatch(/^Review · 1 due/);
    const choices = item.blocks.find((b) => b.type === 'choices');
    if (choices?.type !== 'choices') throw new Error('no review question');
    const community = app.store.communities.find(caller('Ana').community)!;
    const reviewed = app.library.item(app.store.posts.get(community.id, Number(choices.action.split(':')[1]))!.itemId)!;
    await app.bot.handle(caller('Ana'), { type: 'action', id: `${choices.action}:${reviewed.answer.join('+')}` });
    const done = await app.bot.handle(caller('Ana'), { type: 'action', id: 'rvn' });
    expect(done.text).toMatch(/Nothing is due for review right now[\s\S]*Study next/);
    expect(buttonsOf(done).map((b) => b.id.split(':')[0])).toEqual(['exp', 'qz', 'exp', 'qz', 'exp', 'qz']);
  });

  it('history reads answers with exactly the five fields readiness uses, and review cards their stability', async () => {
    await practise('Ana', 'ecs', true);
    const community = app.store.communities.find(caller('Ana').community)!;
    const member = app.store.communities.findMember(community.id, 'ana')!;
    const history = app.store.history.history(community.id, member.id);
    expect(history).toHaveLength(1);
    expect(Object.keys(history[0]!).sort()).toEqual(['answeredAt', 'correct', 'itemId', 'kind', 'topicId']);
    expect(history[0]).toMatchObject({ topicId: 'ecs', correct: true, kind: 'practice' });
    // Another community's history of the same member id is empty.
    expect(app.store.history.history(community.id + 1, member.id)).toEqual([]);
    // A miss makes a review card; readiness reads its FSRS stability straight from the stored card.
    await practise('Ana', 'eks', false);
    const eks = app.store.history.history(community.id, member.id).find((a) => a.topicId === 'eks')!;
    const card = app.store.reviews.get(member.id, eks.itemId)!;
    expect(app.store.reviews.stabilities(member.id)).toEqual(new Map([[eks.itemId, (JSON.parse(card.state) as { stability: number }).stability]]));
    expect(app.store.reviews.stabilities(member.id).get(eks.itemId)).toBeGreaterThan(0);
  });
});
