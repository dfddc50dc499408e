import { GatewayIntentBits, PermissionFlagsBits } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discordCommands } from '../../src/adapters/discord/commands.js';
import { choiceActionId, parseAction } from '../../src/core/actions.js';
import type { Json } from '../fakes/fake-discord.js';
import { startDiscordHarness, type DiscordHarness } from '../support/discord-harness.js';
import { createTestApp } from '../support/test-app.js';

/** The quiz item behind an answer button's custom id, as the core reads it. */
function itemOf(h: DiscordHarness, customId: string) {
  const pressed = parseAction(customId);
  const postId = pressed?.type === 'answer' ? pressed.postId : undefined;
  const community = h.app.store.communities.find({ platform: 'discord', externalId: h.guild.id });
  const post = community && postId !== undefined ? h.app.store.posts.get(community.id, postId) : undefined;
  const item = post && h.app.library.item(post.itemId);
  if (!item) throw new Error(`no item behind ${customId}`);
  return item;
}

describe('Discord: every command through the real discord.js client', () => {
  let h: DiscordHarness;
  // random() = 0 makes a fresh member's /quiz on a topic ask that topic's first item.
  beforeAll(async () => {
    h = await startDiscordHarness({ app: createTestApp({ random: () => 0 }) });
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('logs in with the Guilds intent only and registers the commands generated from the table', () => {
    expect(h.fake.state.identifies).toHaveLength(1);
    expect(h.fake.state.identifies[0]?.intents).toBe(GatewayIntentBits.Guilds);

    const registered = h.fake.state.guildCommands.get(h.guild.id) ?? [];
    expect(registered.map((c) => c.name)).toEqual(h.app.bot.specs.map((s) => s.name));
    const byName = new Map(registered.map((c) => [String(c.name), c]));
    for (const command of registered) {
      expect(String(command.description).length).toBeLessThanOrEqual(100);
      // Guild commands carry no DM or context fields: Discord rejects them there.
      expect(command).not.toHaveProperty('contexts');
    }
    const daily = byName.get('daily')!;
    expect(daily.default_member_permissions).toBe(String(PermissionFlagsBits.ManageGuild));
    const subs = (daily.options as Json[]).map((o) => [o.name, o.type]);
    expect(subs).toEqual([['set', 1], ['pause', 1], ['resume', 1], ['remove', 1], ['status', 1], ['config', 1]]);
    const set = (daily.options as Json[])[0]!;
    const channel = (set.options as Json[]).find((o) => o.name === 'channel')!;
    expect(channel).toMatchObject({ type: 7, required: true });
    // /daily config's reveal and digest are menus on Discord, though typed values are read by their shape.
    const config = (daily.options as Json[]).find((o) => o.name === 'config')!;
    const configOption = (name: string) => (config.options as Json[]).find((o) => o.name === name)!;
    expect(configOption('reveal')).toMatchObject({ type: 3, choices: [{ name: 'names', value: 'names' }, { name: 'count', value: 'count' }] });
    expect(configOption('digest')).toMatchObject({ type: 3, choices: [{ name: 'on', value: 'on' }, { name: 'off', value: 'off' }] });
    expect((byName.get('explain')!.options as Json[])[0]).toMatchObject({ name: 'topic', type: 3, required: true, autocomplete: true });
    expect((byName.get('leaderboard')!.options as Json[])[0]).toMatchObject({ choices: [{ name: 'week', value: 'week' }, { name: 'month', value: 'month' }, { name: 'all', value: 'all' }] });
    expect(byName.get('quiz')!.default_member_permissions).toBeNull();

    // Registered globally, every command is guild-only; admin commands hide from DMs too.
    const global = discordCommands(h.app.bot.specs);
    expect(global.every((c) => c.dm_permission === false && c.contexts?.join() === '0')).toBe(true);
  });

  it('/explain answers in public with the card, "Quiz me on this" and the related topics', async () => {
    const alice = h.fake.member('alice');
    const reply = await h.fake.slashCommand({ guild: h.guild, member: alice, name: 'explain', options: { topic: 'fargate' } }).reply();
    expect(reply.ephemeral).toBe(false);
    expect(reply.embeds[0]?.title).toBe('AWS Fargate');
    expect(reply.text).toContain('Key points');
    expect(reply.buttons[0]).toMatchObject({ label: 'Quiz me on this', customId: 'qz:fargate' });
    const related = reply.buttons.slice(1);
    expect(related.length).toBeGreaterThan(0);
    expect(related.every((b) => b.customId.startsWith('exp:'))).toBe(true);

    // Related topic: a private card. Quiz me: a private question on that topic.
    const card = await h.fake.press({ member: alice, messageId: reply.id, customId: related[0]!.customId }).reply();
    expect(card.ephemeral).toBe(true);
    expect(card.buttons[0]?.label).toBe('Quiz me on this');
    const question = await h.fake.press({ member: alice, messageId: reply.id, customId: 'qz:fargate' }).reply();
    expect(question.ephemeral).toBe(true);
    expect(question.text).toContain('Fargate');
    expect(question.buttons.length + (question.select ? 1 : 0)).toBeGreaterThan(0);
  });

  it('/explain of something not covered answers privately with suggestions', async () => {
    const reply = await h.fake.slashCommand({ guild: h.guild, member: h.fake.member('bob'), name: 'explain', options: { topic: 'dynamodb streams' } }).reply();
    expect(reply.ephemeral).toBe(true);
    expect(reply.text).toContain('is not covered here');
  });

  it('/quiz asks privately; a press answers and the verdict with its explanation comes back privately', async () => {
    const carol = h.fake.member('carol');
    const question = await h.fake.slashCommand({ guild: h.guild, member: carol, name: 'quiz', options: { topic: 'api-gateway' } }).reply();
    expect(question.ephemeral).toBe(true);
    expect(question.buttons.map((b) => b.label).slice(0, 2)).toEqual(['A', 'B']);
    const item = itemOf(h, question.buttons[0]!.customId);
    expect(item.answer).toHaveLength(1);
    const right = question.buttons[item.answer[0]!]!;

    const verdict = await h.fake.press({ member: carol, messageId: question.id, customId: right.customId }).reply();
    expect(verdict.ephemeral).toBe(true);
    expect(verdict.text).toContain('Right!');
    expect(verdict.text).toContain(item.explanation.slice(0, 40));

    // Pressing again is not a second answer.
    const again = await h.fake.press({ member: carol, messageId: question.id, customId: question.buttons[(item.answer[0]! + 1) % item.choices.length]!.customId }).reply();
    expect(again.ephemeral).toBe(true);
    expect(again.text).toContain('already answered');
    const member = h.app.store.communities.findMember(h.app.store.communities.find({ platform: 'discord', externalId: h.guild.id })!.id, carol.user.id)!;
    expect(h.app.store.answers.accuracyByTopic(member.id)).toEqual([expect.objectContaining({ topicId: 'api-gateway', answered: 1, correct: 1 })]);
  });

  it('a choose-two question is a menu where exactly two must be picked', async () => {
    const dave = h.fake.member('dave');
    const question = await h.fake.slashCommand({ guild: h.guild, member: dave, name: 'quiz', options: { topic: 'lambda-pricing' } }).reply();
    expect(question.select).toMatchObject({ min: 2, max: 2 });
    const item = itemOf(h, choiceActionId(question.select!.customId, [0]));
    expect(item.answer).toHaveLength(2);
    const verdict = await h.fake.press({ member: dave, messageId: question.id, customId: question.select!.customId, values: item.answer.map(String).reverse() }).reply();
    expect(verdict.ephemeral).toBe(true);
    expect(verdict.text).toContain('Right!');
  });

  it('/review and /stats answer privately; display names come from the member', async () => {
    const erin = h.fake.member('erin_99', { nick: 'Erin the Admin', globalName: 'Erin G' });
    const question = await h.fake.slashCommand({ guild: h.guild, member: erin, name: 'quiz', options: { topic: 'api-gateway' } }).reply();
    const item = itemOf(h, question.buttons[0]!.customId);
    const wrong = question.buttons.find((_, i) => !item.answer.includes(i))!;
    const verdict = await h.fake.press({ member: erin, messageId: question.id, customId: wrong.customId }).reply();
    expect(verdict.text).toContain('Not quite');

    const stats = await h.fake.slashCommand({ guild: h.guild, member: erin, name: 'stats' }).reply();
    expect(stats.ephemeral).toBe(true);
    expect(stats.text).toContain('Stats for Erin the Admin');

    const review = await h.fake.slashCommand({ guild: h.guild, member: erin, name: 'review' }).reply();
    expect(review.ephemeral).toBe(true);
    expect(review.text.toLowerCase()).toContain('review');

    const frank = h.fake.member('frank_1', { globalName: 'Frank' });
    await h.fake.press({ member: frank, messageId: question.id, customId: wrong.customId }).reply();
    const frankStats = await h.fake.slashCommand({ guild: h.guild, member: frank, name: 'stats' }).reply();
    // Frank pressed someone else's practice question: nothing recorded, so no stats.
    expect(frankStats.text).toContain('No answers yet');
  });

  it('/leaderboard answers in public; /topics and /help work', async () => {
    const member = h.fake.member('gina');
    const board = await h.fake.slashCommand({ guild: h.guild, member, name: 'leaderboard', options: { period: 'month' } }).reply();
    expect(board.ephemeral).toBe(false);
    expect(board.text).toContain('Leaderboard · this month');
    const topics = await h.fake.slashCommand({ guild: h.guild, member, name: 'topics' }).reply();
    expect(topics.text).toContain('AWS Fargate');
    const help = await h.fake.slashCommand({ guild: h.guild, member, name: 'help' }).reply();
    expect(help.text).toContain('/explain');
  });

  it('autocompletes topic titles and aliases within Discord limits', async () => {
    const member = h.fake.member('hal');
    const farg = await h.fake.autocomplete({ guild: h.guild, member, name: 'explain', focused: 'topic', options: { topic: 'farg' } }).choices();
    expect(farg[0]).toEqual({ name: expect.stringContaining('Fargate'), value: 'fargate' });

    const all = await h.fake.autocomplete({ guild: h.guild, member, name: 'quiz', focused: 'topic', options: { topic: '' } }).choices();
    expect(all.length).toBeGreaterThan(10);
    expect(all.length).toBeLessThanOrEqual(25);
    expect(all.every((c) => c.name.length <= 100 && c.value.length <= 100)).toBe(true);

    // The chosen value is the topic id, which /explain resolves.
    const reply = await h.fake.slashCommand({ guild: h.guild, member, name: 'explain', options: { topic: farg[0]!.value } }).reply();
    expect(reply.embeds[0]?.title).toBe('AWS Fargate');

    // Typing "X vs" offers comparisons; the chosen value opens the side-by-side reply.
    const versus = await h.fake.autocomplete({ guild: h.guild, member, name: 'explain', focused: 'topic', options: { topic: 'ecs vs ek' } }).choices();
    expect(versus[0]).toEqual({ name: 'Amazon ECS vs Amazon EKS', value: 'ecs vs eks' });
    const compared = await h.fake.slashCommand({ guild: h.guild, member, name: 'explain', options: { topic: versus[0]!.value } }).reply();
    expect(compared.embeds[0]?.title).toBe('Amazon ECS vs Amazon EKS');
    const fields = (compared.embeds[0]?.fields ?? []) as Array<{ inline?: boolean }>;
    expect(fields.filter((f) => f.inline).length).toBeGreaterThanOrEqual(15);

    const nothing = await h.fake.autocomplete({ guild: h.guild, member, name: 'explain', focused: 'topic', options: { topic: 'x'.repeat(300) } }).choices();
    expect(nothing).toEqual([]);
  });

  it('autocompletes IANA time zones for /daily set and /daily config', async () => {
    const admin = h.fake.member('ada', { admin: true });
    const kolkata = await h.fake.autocomplete({ guild: h.guild, member: admin, name: 'daily', sub: 'set', focused: 'timezone', options: { time: '09:00', timezone: 'kolk' } }).choices();
    expect(kolkata[0]).toEqual({ name: 'Asia/Kolkata', value: 'Asia/Kolkata' });
    const newYork = await h.fake.autocomplete({ guild: h.guild, member: admin, name: 'daily', sub: 'config', focused: 'timezone', options: { timezone: 'new york' } }).choices();
    expect(newYork.map((c) => c.value)).toContain('America/New_York');
    const blank = await h.fake.autocomplete({ guild: h.guild, member: admin, name: 'daily', sub: 'config', focused: 'timezone', options: { timezone: '' } }).choices();
    expect(blank[0]?.value).toBe('UTC');
    expect(blank.length).toBeLessThanOrEqual(25);
  });

  it('answered every interaction exactly once, and asked nothing the fake does not know', () => {
    for (const record of h.fake.state.interactions.values()) {
      expect(record.callbacks).toHaveLength(1);
      expect(record.refused).toHaveLength(0);
    }
    expect(h.fake.state.unknownRoutes).toEqual([]);
    expect(h.fake.state.invalidBodies).toEqual([]);
  });
});
