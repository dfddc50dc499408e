import { afterEach, expect, it } from 'vitest';
import { palette } from '../../src/core/charts/svg.js';
import { barLayout } from '../../src/core/charts/bars.js';
import { answerPress, questionIn, shownText, startSlack, type SlackHarness } from '../fakes/slack-harness.js';
import { decodePng, horizontalBarLengths } from '../support/png-bars.js';

const monday1300 = Date.UTC(2026, 10, 16, 13, 0);
const tuesday1201 = Date.UTC(2026, 10, 17, 12, 1);

let h: SlackHarness | undefined;
afterEach(async () => {
  await h?.dispose();
  h = undefined;
});

it('the daily reveal shares its chart in the post thread with the two-step upload; a private /stats uploads nothing', async () => {
  h = await startSlack('socket');
  await h.command('admin', 'daily', 'set <#CSTUDY|study> 13:00');
  h.clock.set(monday1300);
  await h.app.daily.tick();
  const message = [...h.fake.messages.values()].find((m) => m.channel === 'CSTUDY')!;
  const q = questionIn(h, { blocks: message.blocks });
  await h.press('alice', answerPress(q, q.right, { messageTs: message.ts }), 'CSTUDY');
  await h.press('bob', answerPress(q, q.wrong.slice(0, q.pick), { messageTs: message.ts }), 'CSTUDY');
  h.clock.advance(10_000);
  await h.app.daily.tick();
  // The open post's count refresh carries no picture.
  expect(h.fake.uploads.files.size).toBe(0);

  // Private replies cannot carry uploaded files on Slack: /stats says its numbers in text only.
  const stats = await h.command('alice', 'stats');
  expect(shownText(stats.delivery.body)).toMatch(/Last 30 days\*?\n?:?\s*1 answers? \(100%/);
  expect(h.fake.uploads.files.size).toBe(0);

  h.clock.set(tuesday1201);
  await h.app.daily.tick();
  expect(h.fake.callsTo('files.getUploadURLExternal')).toHaveLength(1);
  expect(h.fake.callsTo('files.completeUploadExternal')).toHaveLength(1);
  const [file] = h.fake.uploads.shared('CSTUDY');
  expect(file?.shared?.threadTs).toBe(message.ts);
  expect(file?.filename).toBe('daily-reveal.png');
  expect(file?.altText).toMatch(/2 answered/);
  expect(file?.altText).toContain('50% (1), right answer');
  // The numbers are in the message text too.
  expect(shownText({ blocks: message.blocks })).toMatch(/Per choice: .*50% \(1, right\)/);

  const png = decodePng(file!.data!);
  expect(png.width).toBe(barLayout.width);
  // Alice chose the right answer(s), Bob as many wrong ones: each of those choices holds half of the answers.
  const half = barLayout.barWidth / 2;
  for (const length of horizontalBarLengths(png, palette.blue)) expect(Math.abs(length - half)).toBeLessThanOrEqual(1);
  expect(horizontalBarLengths(png, palette.blue)).toHaveLength(q.pick);
  expect(horizontalBarLengths(png, palette.orange)).toHaveLength(q.pick);
  for (const length of horizontalBarLengths(png, palette.orange)) expect(Math.abs(length - half)).toBeLessThanOrEqual(1);
});
