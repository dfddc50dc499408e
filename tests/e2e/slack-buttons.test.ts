import { afterEach, describe, expect, it } from 'vitest';
import { blockActions } from '../fakes/slack-payloads.js';
import { actionIds, answerPress, otherTeam, questionIn, shownText, startSlack, team, type ShownQuestion, type SlackHarness } from '../fakes/slack-harness.js';

/** Asks alice practice questions on a topic until one is choose-two. */
async function chooseTwoQuestion(h: SlackHarness): Promise<ShownQuestion> {
  for (let i = 0; i < 12; i += 1) {
    const { delivery } = await h.command('alice', 'quiz', 'api-gateway');
    const q = questionIn(h, delivery.body);
    if (q.checkboxes) return q;
  }
  throw new Error('no choose-two question on api-gateway');
}

const answersOf = (h: SlackHarness, teamId = team.id): number => {
  const community = h.app.store.communities.find({ platform: 'slack', externalId: teamId });
  return community ? (h.app.store.db.prepare('SELECT count(*) AS n FROM answers WHERE community_id = ?').get(community.id) as { n: number }).n : 0;
};

describe.each(['socket', 'http'] as const)('slack buttons (%s mode)', (mode) => {
  let h: SlackHarness | undefined;
  afterEach(async () => {
    await h?.dispose();
    h = undefined;
  });

  it('a choose-two question: ticking does nothing, Submit with two ticked answers it', async () => {
    h = await startSlack(mode, { random: () => 0 });
    const q = await chooseTwoQuestion(h);
    expect(q.pick).toBe(2);

    // A tick sends block_actions too; it is acked and nothing is said.
    const responsesBefore = h.fake.responses.length;
    const tick = await h.driver.interactive(blockActions(h.who('alice'), { actionId: q.checkboxes!.actionId, blockId: q.checkboxes!.blockId, type: 'checkboxes' }, h.fake.responseUrl()));
    expect(tick.status).toBe(200);

    const none = await h.press('alice', { actionId: `submit|${q.answerAction}`, blockId: q.checkboxes!.blockId });
    expect(String(none.reply.text)).toMatch(/Tick your choices first/);

    const { reply } = await h.press('alice', answerPress(q, q.right));
    expect(String(reply.text)).toMatch(/Right!/);
    expect(h.fake.responses.length).toBe(responsesBefore + 2);
    expect(answersOf(h)).toBe(1);
  });

  it('a choose-two submit with one tick is refused with how many to pick, and nothing is written', async () => {
    h = await startSlack(mode, { random: () => 0 });
    const q = await chooseTwoQuestion(h);
    const { reply } = await h.press('alice', answerPress(q, [q.right[0]!]));
    expect(String(reply.text)).toMatch(/needs exactly 2 choices/);
    expect(answersOf(h)).toBe(0);
  });

  it('Another question and topic buttons answer privately', async () => {
    h = await startSlack(mode);
    const card = await h.command('alice', 'explain', 'ecs');
    const related = actionIds(card.delivery.body).find((id) => id.startsWith('exp:'));
    expect(related).toBeDefined();
    const explained = await h.press('alice', { actionId: related! });
    expect(explained.reply.response_type).toBe('ephemeral');
    expect(explained.reply.blocks).toBeDefined();

    const another = await h.press('alice', { actionId: 'qz:ecs' });
    expect(another.reply.response_type).toBe('ephemeral');
    expect(questionIn(h, another.reply).pick).toBeGreaterThan(0);
  });

  it("a press on another workspace's post is refused and records nothing", async () => {
    h = await startSlack(mode);
    const { delivery } = await h.command('alice', 'quiz', 'ecs');
    const q = questionIn(h, delivery.body);
    const { reply } = await h.press('stranger', answerPress(q, q.right));
    expect(String(reply.text)).toMatch(/not available here/);
    expect(answersOf(h)).toBe(0);
    expect(answersOf(h, otherTeam.id)).toBe(0);
  });

  it("someone else's practice question, a malformed id and a second press are all handled", async () => {
    h = await startSlack(mode);
    const { delivery } = await h.command('alice', 'quiz', 'ecs');
    const q = questionIn(h, delivery.body);
    const bob = await h.press('bob', answerPress(q, q.right));
    expect(String(bob.reply.text)).toMatch(/belongs to someone else/);

    const bad = await h.press('alice', { actionId: 'ans:notanumber:9' });
    expect(String(bad.reply.text)).toMatch(/not one I recognise/);

    const first = await h.press('alice', answerPress(q, q.wrong.slice(0, q.pick)));
    expect(String(first.reply.text)).toMatch(/Not quite/);
    const second = await h.press('alice', answerPress(q, q.right));
    expect(String(second.reply.text)).toMatch(/already answered.*first answer is the one that counts/);
    expect(answersOf(h)).toBe(1);
  });

  it('when response_url has expired the verdict goes by chat.postEphemeral, and the answer is kept', async () => {
    h = await startSlack(mode);
    const { delivery } = await h.command('alice', 'quiz', 'ecs');
    const q = questionIn(h, delivery.body);
    const calls = h.fake.calls.length;
    await h.driver.interactive(blockActions(h.who('alice', 'CSTUDY'), answerPress(q, q.right), h.fake.responseUrl({ expired: true })));
    const ephemeral = await h.fake.waitForCall('chat.postEphemeral', () => true, calls);
    expect(ephemeral.args.user).toBe('UALICE');
    expect(ephemeral.args.channel).toBe('CSTUDY');
    expect(String(ephemeral.args.text)).toMatch(/Right!/);
    expect(answersOf(h)).toBe(1);
  });

  it('a press in the App Home (no channel, no response_url) is answered by direct message', async () => {
    h = await startSlack(mode);
    const calls = h.fake.calls.length;
    await h.driver.interactive(blockActions(h.who('alice'), { actionId: 'exp:lambda', inHome: true }, undefined));
    const dm = await h.fake.waitForCall('chat.postMessage', () => true, calls);
    expect(dm.args.channel).toBe('UALICE');
    expect(shownText(dm.args)).toMatch(/Lambda/);
  });
});
