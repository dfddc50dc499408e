import { PermissionFlagsBits } from 'discord.js';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { activityLayout } from '../../src/core/charts/activity-chart.js';
import { barLayout } from '../../src/core/charts/bars.js';
import { palette } from '../../src/core/charts/svg.js';
import type { FakeMember } from '../fakes/fake-discord.js';
import type { Json } from '../fakes/fake-discord-payloads.js';
import { uploadedBytes } from '../fakes/fake-discord-uploads.js';
import { viewMessage } from '../fakes/fake-discord-view.js';
import { ManualClock } from '../support/clock.js';
import type { Bot } from '../../src/core/bot.js';
import { startDiscordHarness, type DiscordHarness } from '../support/discord-harness.js';
import { captureLogs } from '../support/log-capture.js';
import { columnHeights, decodePng, horizontalBarLengths } from '../support/png-bars.js';
import { createTestApp } from '../support/test-app.js';

const at = (dayOffset: number, hh: number, mm: number): number => Date.UTC(2026, 10, 16 + dayOffset, hh, mm);
const clock = new ManualClock(at(0, 12, 0));
const logs = captureLogs();
let h: DiscordHarness;
/** Answers the daily question in the first test, practice questions and /stats in the second. */
let alice: FakeMember;

beforeAll(async () => {
  h = await startDiscordHarness({ app: createTestApp({ clock, random: () => 0 }), log: logs.log });
  h.app.daily.attach('discord', h.adapter);
});
afterAll(async () => {
  await h?.stop();
});

/** The embed's image must be an attachment of the same message; returns its PNG bytes. */
function embeddedPng(message: Json): { attachment: Json; bytes: Buffer } {
  const view = viewMessage(message);
  const url = String((view.embeds[0]?.image as Json | undefined)?.url);
  const attachment = (message.attachments as Json[]).find((a) => `attachment://${String(a.filename)}` === url);
  expect(attachment, `no attachment for ${url}`).toBeDefined();
  return { attachment: attachment!, bytes: uploadedBytes.get(String(attachment!.id))! };
}

it('the daily reveal edits the post with the chart attached and shown in its embed', async () => {
  const admin = h.fake.member('ada_admin', { nick: 'Ada', admin: true });
  await h.fake.slashCommand({ guild: h.guild, member: admin, name: 'daily', sub: 'set', options: { channel: h.guild.channels.quiz!, time: '12:30' } }).reply();
  clock.set(at(0, 12, 30));
  await h.app.daily.tick();
  const [posted] = h.fake.channelMessages(h.guild.channels.quiz!);
  const view = viewMessage(posted!);
  const row = h.app.store.db.prepare("SELECT item_id FROM posts WHERE kind = 'daily'").get() as { item_id: string };
  const item = h.app.library.item(row.item_id)!;
  const choose = (indexes: readonly number[]) =>
    view.select ? { customId: view.select.customId, values: indexes.map(String) } : { customId: view.buttons[indexes[0]!]!.customId };
  const wrong = item.choices.map((_, i) => i).filter((i) => !item.answer.includes(i)).slice(0, item.answer.length);
  alice = h.fake.member('alice');
  for (const member of [alice, h.fake.member('bea'), h.fake.member('cy')]) await h.fake.press({ member, messageId: view.id, ...choose(item.answer) }).reply();
  await h.fake.press({ member: h.fake.member('dan'), messageId: view.id, ...choose(wrong) }).reply();
  // No picture while the question is open.
  expect((h.fake.message(view.id)!.message.attachments as Json[]).length).toBe(0);

  clock.set(at(1, 11, 31));
  await h.app.daily.tick();
  const revealed = h.fake.message(view.id)!.message;
  expect(viewMessage(revealed).text).toContain('Daily quiz · closed');
  const { attachment, bytes } = embeddedPng(revealed);
  expect(attachment.content_type).toBe('image/png');
  expect(String(attachment.description)).toContain('4 answered');
  expect(viewMessage(revealed).text).toMatch(/Per choice: .*75% \(3, right\)/);
  const png = decodePng(bytes);
  expect(png.width).toBe(barLayout.width);
  // Three of four chose the right answer(s), one the wrong one(s): bars of 75% and 25%.
  for (const length of horizontalBarLengths(png, palette.blue)) expect(Math.abs(length - 0.75 * barLayout.barWidth)).toBeLessThanOrEqual(1);
  for (const length of horizontalBarLengths(png, palette.orange)) expect(Math.abs(length - 0.25 * barLayout.barWidth)).toBeLessThanOrEqual(1);
  expect(horizontalBarLengths(png, palette.orange)).toHaveLength(item.answer.length);
  expect(h.fake.state.invalidBodies).toEqual([]);
});

it('/stats replies privately with the last 30 days drawn as an attachment in its embed', async () => {
  // Alice answered the daily question yesterday; two practice questions today.
  const member = alice;
  for (let i = 0; i < 2; i++) {
    const quiz = await h.fake.slashCommand({ guild: h.guild, member, name: 'quiz' }).reply();
    if (quiz.select) await h.fake.press({ member, messageId: quiz.id, customId: quiz.select.customId, values: ['0', '1'] }).reply();
    else await h.fake.press({ member, messageId: quiz.id, customId: quiz.buttons[0]!.customId }).reply();
  }
  const perDay = h.app.store.db
    .prepare("SELECT count(*) AS n FROM answers WHERE member_id IN (SELECT id FROM members WHERE display_name = 'alice') GROUP BY answered_at >= ? ORDER BY 1")
    .all(at(1, 0, 0)) as { n: number }[];
  expect(perDay.map((d) => d.n)).toEqual([1, 2]);
  const stats = await h.fake.slashCommand({ guild: h.guild, member, name: 'stats' }).reply();
  expect(stats.ephemeral).toBe(true);
  expect(stats.text).toMatch(/Last 30 days\W+3 answers/);
  const png = decodePng(embeddedPng(stats.raw).bytes);
  const { plotX, plotWidth, plotTop, plotHeight } = activityLayout;
  const region = { x0: plotX, x1: plotX + plotWidth, y0: plotTop - 2, y1: plotTop + plotHeight + 1 };
  // Two columns, right and not-right stacked: yesterday's one answer is half as tall as today's two, which fill the plot.
  const heights = columnHeights(png, [palette.blue, palette.orange], region);
  expect(heights).toHaveLength(2);
  [plotHeight / 2, plotHeight].forEach((want, i) => expect(Math.abs(heights[i]! - want)).toBeLessThanOrEqual(1));
  expect(h.fake.state.invalidBodies).toEqual([]);
});

it('a channel without Attach Files still gets its reveal, without the picture but with the same numbers', async () => {
  const channel = h.guild.channels.general!;
  h.fake.denyBot(channel, PermissionFlagsBits.AttachFiles);
  const admin = h.fake.member('ada_admin', { nick: 'Ada', admin: true });
  await h.fake.slashCommand({ guild: h.guild, member: admin, name: 'daily', sub: 'set', options: { channel, time: '12:30' } }).reply();
  clock.set(at(1, 12, 30));
  await h.app.daily.tick();
  const [posted] = h.fake.channelMessages(channel);
  const view = viewMessage(posted!);
  const press = view.select ? { customId: view.select.customId, values: ['0', '1'] } : { customId: view.buttons[0]!.customId };
  await h.fake.press({ member: alice, messageId: view.id, ...press }).reply();
  clock.set(at(2, 11, 31));
  await h.app.daily.tick();
  const revealed = h.fake.message(view.id)!.message;
  expect(viewMessage(revealed).text).toContain('Daily quiz · closed');
  expect(viewMessage(revealed).text).toMatch(/Per choice: A (100|0)% \(1|A 0% \(0/);
  expect(revealed.attachments).toEqual([]);
  expect(viewMessage(revealed).embeds[0]?.image).toBeUndefined();
  expect(logs.lines.some((l) => /refused the chart/.test(String(l.msg)))).toBe(true);
});

it('a reply deferred because the core was slow is filled in with its chart', async () => {
  // The core is held until Discord has seen the deferral, so the reply must take the deferred path.
  let release = (): void => {};
  let gate: Promise<void> | undefined;
  const slow = await startDiscordHarness({
    app: createTestApp({ clock }),
    adapter: { deferAfterMs: 10 },
    bot: (inner: Bot): Bot => ({
      specs: inner.specs,
      async handle(caller, input) {
        if (gate) await gate;
        return inner.handle(caller, input);
      },
    }),
  });
  try {
    const member = slow.fake.member('zoe');
    const quiz = await slow.fake.slashCommand({ guild: slow.guild, member, name: 'quiz' }).reply();
    const press = quiz.select ? { customId: quiz.select.customId, values: ['0', '1'] } : { customId: quiz.buttons[0]!.customId };
    await slow.fake.press({ member, messageId: quiz.id, ...press }).reply();
    gate = new Promise((resolve) => (release = resolve));
    const pending = slow.fake.slashCommand({ guild: slow.guild, member, name: 'stats' });
    await slow.fake.waitFor(() => slow.fake.state.calls.some((c) => c.path.endsWith('/callback') && (c.body as Json | undefined)?.type === 5), 'the deferral');
    release();
    const stats = await pending.reply();
    expect(stats.deferred).toBe(true);
    expect(stats.ephemeral).toBe(true);
    const png = decodePng(embeddedPng(stats.raw).bytes);
    expect(png.width).toBe(activityLayout.width);
    expect(slow.fake.state.invalidBodies).toEqual([]);
  } finally {
    release();
    await slow.stop();
  }
});
