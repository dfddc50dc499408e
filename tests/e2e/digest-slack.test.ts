import { afterEach, expect, it } from 'vitest';
import { barLayout } from '../../src/core/charts/bars.js';
import { answerPress, questionIn, shownText, startSlack, type SlackHarness } from '../fakes/slack-harness.js';
import { decodePng } from '../support/png-bars.js';

// Thursday 19 November 2026 at 13:00 UTC; the digest goes out on Monday the 23rd at 13:00.
const thursday1300 = Date.UTC(2026, 10, 19, 13, 0);
const monday1300 = Date.UTC(2026, 10, 23, 13, 0);

let h: SlackHarness | undefined;
afterEach(async () => {
  await h?.dispose();
  h = undefined;
});

it('the weekly digest is posted once in the channel, typed by shape, its chart uploaded in its thread with the two-step flow', async () => {
  h = await startSlack('socket');
  await h.command('admin', 'daily', 'set <#CSTUDY|study> 13:00');
  const on = await h.command('admin', 'daily', 'config <#CSTUDY|study> on');
  expect(shownText(on.delivery.body)).toMatch(/the weekly digest is on in <#CSTUDY>/);
  h.clock.set(thursday1300);
  await h.app.daily.tick();
  const question = [...h.fake.messages.values()].find((m) => m.channel === 'CSTUDY')!;
  const q = questionIn(h, { blocks: question.blocks });
  await h.press('alice', answerPress(q, q.right, { messageTs: question.ts }), 'CSTUDY');
  await h.press('bob', answerPress(q, q.wrong.slice(0, q.pick), { messageTs: question.ts }), 'CSTUDY');

  h.clock.set(monday1300);
  await h.app.daily.tick();
  await h.app.daily.tick();
  const digests = [...h.fake.messages.values()].filter((m) => m.channel === 'CSTUDY' && shownText({ blocks: m.blocks }).includes('Weekly digest'));
  expect(digests).toHaveLength(1);
  expect(shownText({ blocks: digests[0]!.blocks })).toContain('2 answers on 1 daily question, 50% right (1 of 2).');
  const file = h.fake.uploads.shared('CSTUDY').find((f) => f.filename === 'weekly-digest.png');
  expect(file?.shared?.threadTs).toBe(digests[0]!.ts);
  expect(file?.altText).toMatch(/^Weekly digest, 2026-11-16 to 2026-11-22: 2 answers, 50% right; /);
  expect(decodePng(file!.data!).width).toBe(barLayout.width);
});
