import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeMember } from '../fakes/fake-discord.js';
import { startDiscordHarness, type DiscordHarness } from '../support/discord-harness.js';
import { createTestApp } from '../support/test-app.js';

describe('Discord: /readiness through the real discord.js client', () => {
  let h: DiscordHarness;
  // random() = 0: a fresh member's /quiz on a topic asks that topic's items in order.
  beforeAll(async () => {
    h = await startDiscordHarness({ app: createTestApp({ random: () => 0 }) });
  });
  afterAll(async () => {
    await h?.stop();
  });

  /** Answers `n` practice questions right on every topic, pressing the real buttons. */
  async function studyEverything(member: FakeMember, n: number): Promise<void> {
    for (const topic of h.app.library.topics) {
      for (let i = 0; i < n; i++) {
        const question = await h.fake.slashCommand({ guild: h.guild, member, name: 'quiz', options: { topic: topic.id } }).reply();
        const id = question.select?.customId ?? question.buttons[0]!.customId;
        const community = h.app.store.communities.find({ platform: 'discord', externalId: h.guild.id })!;
        const item = h.app.library.item(h.app.store.posts.get(community.id, Number(id.split(':')[1]))!.itemId)!;
        const press = question.select
          ? h.fake.press({ member, messageId: question.id, customId: id, values: item.answer.map(String) })
          : h.fake.press({ member, messageId: question.id, customId: question.buttons[item.answer[0]!]!.customId });
        await press.reply();
      }
    }
  }

  it('shows a member their own readiness privately, and its Study next buttons work', async () => {
    const alice = h.fake.member('alice');
    const early = await h.fake.slashCommand({ guild: h.guild, member: alice, name: 'readiness' }).reply();
    expect(early.ephemeral).toBe(true);
    expect(early.text).toMatch(/No answers yet/);

    await studyEverything(alice, 3);
    const reply = await h.fake.slashCommand({ guild: h.guild, member: alice, name: 'readiness' }).reply();
    expect(reply.ephemeral).toBe(true);
    expect(reply.embeds[0]?.title).toMatch(/^Readiness for alice: \d+%, above the pass line/);
    expect(reply.text).toMatch(/pass 700/);
    const practise = reply.buttons.find((b) => b.label.startsWith('Practise: '))!;
    const read = reply.buttons.find((b) => b.label.startsWith('Read: '))!;
    expect(practise.customId).toMatch(/^qz:/);
    const question = await h.fake.press({ member: alice, messageId: reply.id, customId: practise.customId }).reply();
    expect(question.ephemeral).toBe(true);
    expect(question.text).toContain(h.app.library.topic(practise.customId.slice(3))!.title);
    const card = await h.fake.press({ member: alice, messageId: reply.id, customId: read.customId }).reply();
    expect(card.embeds[0]?.title).toBe(h.app.library.topic(read.customId.slice(4))!.title);
  });

  it('/readiness scope:group answers privately and names nobody', async () => {
    const bob = h.fake.member('bob');
    const carol = h.fake.member('carol');
    await studyEverything(bob, 1);
    await studyEverything(carol, 1);
    const reply = await h.fake.slashCommand({ guild: h.guild, member: bob, name: 'readiness', options: { scope: 'group' } }).reply();
    expect(reply.ephemeral).toBe(true);
    expect(reply.embeds[0]?.title).toBe('Group readiness');
    expect(reply.text).toMatch(/Active \(answered in the last 14 days\)\D*3/);
    for (const name of ['alice', 'bob', 'carol']) expect(JSON.stringify(reply)).not.toContain(name);
  });
});
