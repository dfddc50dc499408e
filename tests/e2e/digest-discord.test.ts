import { afterAll, beforeAll, expect, it } from 'vitest';
import { barLayout } from '../../src/core/charts/bars.js';
import { palette } from '../../src/core/charts/svg.js';
import { examTopics } from '../../src/core/readiness/member-readiness.js';
import type { Json } from '../fakes/fake-discord-payloads.js';
import { uploadedBytes } from '../fakes/fake-discord-uploads.js';
import { viewMessage } from '../fakes/fake-discord-view.js';
import { ManualClock } from '../support/clock.js';
import { startDiscordHarness, type DiscordHarness } from '../support/discord-harness.js';
import { captureLogs } from '../support/log-capture.js';
import { decodePng, horizontalBarLengths } from '../support/png-bars.js';
import { createTestApp } from '../support/test-app.js';

// Thursday 19 November 2026; the digest goes out on Monday the 23rd.
const at = (dayOffset: number, hh: number, mm: number): number => Date.UTC(2026, 10, 19 + dayOffset, hh, mm);
const clock = new ManualClock(at(0, 12, 0));
const logs = captureLogs();
let h: DiscordHarness;

beforeAll(async () => {
  h = await startDiscordHarness({ app: createTestApp({ clock, random: () => 0 }), log: logs.log });
  h.app.daily.attach('discord', h.adapter);
});
afterAll(async () => {
  await h?.stop();
});

it('the weekly digest reaches the channel once, its chart attached and shown in the embed, the same numbers in its text', async () => {
  const admin = h.fake.member('ada_admin', { nick: 'Ada', admin: true });
  const quiz = h.guild.channels.quiz!;
  await h.fake.slashCommand({ guild: h.guild, member: admin, name: 'daily', sub: 'set', options: { channel: quiz, time: '12:30' } }).reply();
  const on = await h.fake.slashCommand({ guild: h.guild, member: admin, name: 'daily', sub: 'config', options: { digest: 'on', channel: quiz } }).reply();
  expect(JSON.stringify(on)).toMatch(/the weekly digest is on in <#/);
  clock.set(at(0, 12, 30));
  await h.app.daily.tick();
  const view = viewMessage(h.fake.channelMessages(quiz)[0]!);
  const row = h.app.store.db.prepare("SELECT item_id FROM posts WHERE kind = 'daily'").get() as { item_id: string };
  const item = h.app.library.item(row.item_id)!;
  const wrong = item.choices.map((_, i) => i).filter((i) => !item.answer.includes(i)).slice(0, item.answer.length);
  const choose = (indexes: readonly number[]) =>
    view.select ? { customId: view.select.customId, values: indexes.map(String) } : { customId: view.buttons[indexes[0]!]!.customId };
  for (const name of ['alice', 'bea', 'cy']) await h.fake.press({ member: h.fake.member(name), messageId: view.id, ...choose(item.answer) }).reply();
  await h.fake.press({ member: h.fake.member('dan'), messageId: view.id, ...choose(wrong) }).reply();

  clock.set(at(4, 12, 30));
  await h.app.daily.tick();
  await h.app.daily.tick();
  const digests = h.fake.channelMessages(quiz).filter((m) => viewMessage(m).text.includes('Weekly digest'));
  expect(digests).toHaveLength(1);
  const message = digests[0]!;
  const text = viewMessage(message).text;
  expect(text).toContain('Weekly digest: 2026-11-16 to 2026-11-22');
  expect(text).toContain('4 answers on 1 daily question, 75% right (3 of 4).');
  expect(text).toContain('3 of 4 right (75%).');
  const url = String((viewMessage(message).embeds[0]?.image as Json | undefined)?.url);
  const attachment = (message.attachments as Json[]).find((a) => `attachment://${String(a.filename)}` === url);
  expect(attachment, `no attachment for ${url}`).toBeDefined();
  expect(attachment!.content_type).toBe('image/png');
  expect(String(attachment!.description)).toMatch(/^Weekly digest, 2026-11-16 to 2026-11-22: 4 answers, 75% right; group readiness per topic/);
  const png = decodePng(uploadedBytes.get(String(attachment!.id))!);
  expect(png.width).toBe(barLayout.width);
  // One bar per exam topic, each as long as the group's average chance the text gives.
  const perTopic = /Per topic \(group average\): (.*)\.\*?$/m.exec(text)?.[1] ?? '';
  const shares = [...perTopic.matchAll(/ (\d+)%/g)].map((m) => Number(m[1]) / 100).sort((a, b) => a - b);
  expect(shares).toHaveLength(examTopics(h.app.library).length);
  const bars = [...horizontalBarLengths(png, palette.blue), ...horizontalBarLengths(png, palette.orange)].sort((a, b) => a - b);
  expect(bars).toHaveLength(shares.length);
  bars.forEach((length, i) => expect(Math.abs(length - shares[i]! * barLayout.barWidth)).toBeLessThanOrEqual(2));
  expect(h.fake.state.invalidBodies).toEqual([]);
});
