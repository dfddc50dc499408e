import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeMember } from '../fakes/fake-discord-payloads.js';
import type { Json } from '../fakes/fake-discord-payloads.js';
import { startDiscordHarness, type DiscordHarness } from '../support/discord-harness.js';

/** Members report a question through the real discord.js client: button → modal → submit → stored. */
describe('reporting a question on Discord', () => {
  let h: DiscordHarness;
  let ada: FakeMember;
  let alice: FakeMember;
  let bob: FakeMember;
  const reports = () => h.app.store.db.prepare('SELECT item_id AS itemId, text, dismissed_at AS dismissedAt FROM reports ORDER BY id').all() as { itemId: string; text: string; dismissedAt: number | null }[];

  beforeAll(async () => {
    h = await startDiscordHarness();
    ada = h.fake.member('ada', { admin: true });
    alice = h.fake.member('alice');
    bob = h.fake.member('bob');
  });
  afterAll(() => h.stop());

  /** A practice question for `member`, its report button's id, and the modal that button opens. */
  async function openReport(member: FakeMember): Promise<{ customId: string; modal: Json }> {
    const question = await h.fake.slashCommand({ guild: h.guild, member, name: 'quiz', options: { topic: 'ecr' } }).reply();
    const button = question.buttons.find((b) => b.label === 'Report this question');
    expect(button).toBeDefined();
    const response = await h.fake.press({ member, messageId: question.id, customId: button!.customId }).response();
    expect(response.type).toBe(9);
    return { customId: button!.customId, modal: response.data as Json };
  }

  it('the button opens a modal within Discord\'s limits, and its submit is stored', async () => {
    const { customId, modal } = await openReport(alice);
    expect(modal).toMatchObject({ custom_id: customId, title: 'Report this question' });
    const input = ((modal.components as Json[])[0]!.components as Json[])[0]!;
    expect(input).toMatchObject({ type: 4, style: 2, max_length: 500, min_length: 1 });
    const reply = await h.fake.submitModal({ guild: h.guild, member: alice, customId, values: { text: 'B is also right since 2024' } }).reply();
    expect(reply.ephemeral).toBe(true);
    expect(reply.text).toMatch(/Thanks: your report on ecr-\d+ is recorded/);
    expect(reports()).toEqual([expect.objectContaining({ text: 'B is also right since 2024', dismissedAt: null })]);
  });

  it('hostile and forged submits are refused with a clear reply and write nothing', async () => {
    const before = reports().length;
    const { customId } = await openReport(bob);
    const cases: Array<[string, Parameters<DiscordHarness['fake']['submitModal']>[0], RegExp]> = [
      ['an empty text', { guild: h.guild, member: bob, customId, values: { text: '   ' } }, /empty/],
      ['a text over 500 characters', { guild: h.guild, member: bob, customId, values: { text: 'x'.repeat(900) } }, /too long/],
      ['control characters', { guild: h.guild, member: bob, customId, values: { text: 'a\u0007b' } }, /control characters/],
      ['another server\'s question', { guild: h.otherGuild, member: bob, customId, values: { text: 'forged' } }, /not available here/],
      ['a question that does not exist', { guild: h.guild, member: bob, customId: 'rep:987654', values: { text: 'forged' } }, /not available here/],
      ['a submit without our text input', { guild: h.guild, member: bob, customId, values: { other: 'x' } }, /without its text/],
      ['a submit for a non-report action', { guild: h.guild, member: bob, customId: 'qz:ecr', values: { text: 'x' } }, /not one I recognise/],
    ];
    for (const [what, submit, expected] of cases) {
      const reply = await h.fake.submitModal(submit).reply();
      expect(reply.text, what).toMatch(expected);
      expect(reply.ephemeral, what).toBe(true);
    }
    expect(reports()).toHaveLength(before);
  });

  it('/reports lists them for an admin, with a dismiss button; a member is refused', async () => {
    const refused = await h.fake.slashCommand({ guild: h.guild, member: bob, name: 'reports' }).reply();
    expect(refused.text).toMatch(/Only server or workspace admins/);
    const list = await h.fake.slashCommand({ guild: h.guild, member: ada, name: 'reports' }).reply();
    expect(list.ephemeral).toBe(true);
    expect(list.text).toMatch(/ecr-\d+\*\* · Amazon ECR[^\n]* · 1 report/);
    expect(list.text).toContain('"B is also right since 2024" (alice)');
    const dismiss = list.buttons.find((b) => b.label.startsWith('Dismiss '))!;
    expect((await h.fake.press({ member: bob, messageId: list.id, customId: dismiss.customId }).reply()).text).toMatch(/Only server or workspace admins/);
    expect(reports()[0]!.dismissedAt).toBeNull();
    expect((await h.fake.press({ member: ada, messageId: list.id, customId: dismiss.customId }).reply()).text).toMatch(/Dismissed 1 report/);
    expect(reports()[0]!.dismissedAt).not.toBeNull();
  });
});

describe('a report button whose answer came too late for a modal', () => {
  let h: DiscordHarness;
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));

  beforeAll(async () => {
    h = await startDiscordHarness({
      // The report press waits until the test has seen the deferral: no timing decides it.
      bot: (bot) => ({ specs: bot.specs, handle: async (caller, input) => (input.type === 'action' && input.id.startsWith('rep:') ? (await held, bot.handle(caller, input)) : bot.handle(caller, input)) }),
      adapter: { deferAfterMs: 20 },
    });
  });
  afterAll(() => h.stop());

  it('is deferred, then told to press again: a modal must be the first response', async () => {
    const member = h.fake.member('alice');
    const question = await h.fake.slashCommand({ guild: h.guild, member, name: 'quiz', options: { topic: 'ecr' } }).reply();
    const button = question.buttons.find((b) => b.label === 'Report this question')!;
    const press = h.fake.press({ member, messageId: question.id, customId: button.customId });
    expect((await press.response()).type).toBe(5);
    release();
    const reply = await press.reply();
    expect(reply.text).toMatch(/took me too long to open the form\. Press the button again/);
    expect(press.record.callbacks).toHaveLength(1);
  });
});
