import { afterEach, describe, expect, it, vi } from 'vitest';
import { SlackAdapter } from '../../src/adapters/slack/slack-adapter.js';
import { createApp } from '../../src/app.js';
import { createLogger } from '../../src/log.js';
import { actionIds, shownText, startSlack, tokens, type Person, type SlackHarness } from '../fakes/slack-harness.js';
import type { Press } from '../fakes/slack-payloads.js';
import { ManualClock } from '../support/clock.js';
import { answersTo, storedExam } from '../support/exam-support.js';

const acme = { platform: 'slack' as const, externalId: 'T0ACME' };

/** The exam question an ephemeral message shows: letter buttons `xa:<exam>:<pos>:<i>`, or checkboxes and Submit for choose-two. */
function questionOn(message: { blocks: unknown[] }): { examId: number; position: number; chooseTwo: boolean } {
  const ids = actionIds(message as Record<string, unknown>);
  const id = ids.find((a) => /^xa:\d+:\d+:\d$/.test(a) || /^submit\|xa:\d+:\d+$/.test(a));
  const match = id && /xa:(\d+):(\d+)/.exec(id);
  if (!match) throw new Error(`no exam question in ${JSON.stringify(message).slice(0, 300)}`);
  return { examId: Number(match[1]), position: Number(match[2]), chooseTwo: id.startsWith('submit|') };
}

/** The action id of the button whose label matches, on a Block Kit message. */
function buttonOn(message: { blocks: unknown[] }, label: RegExp): string {
  const json = JSON.stringify(message.blocks);
  const buttons = [...json.matchAll(/"action_id":"([^"]+)","value":"[^"]*","text":\{"type":"plain_text","text":"([^"]+)"/g)];
  const found = buttons.find((b) => label.test(b[2] ?? ''));
  if (!found?.[1]) throw new Error(`no button ${label} in ${json.slice(0, 300)}`);
  return found[1];
}

describe('Slack: /exam through Bolt, one ephemeral message replaced through response_url', () => {
  let h: SlackHarness | undefined;
  let cleanup: (() => Promise<void>) | undefined;
  const clock = new ManualClock();
  afterEach(async () => {
    await cleanup?.();
    await h?.dispose();
    h = cleanup = undefined;
  });

  /** Presses on the exam message: the reply must replace it (replace_original), never post a new one. */
  async function press(person: Person, ts: string, press: Omit<Press, 'messageTs' | 'isEphemeral'>): Promise<{ blocks: unknown[]; text: string }> {
    const before = h!.fake.ephemeral.get(ts)!.history.length;
    const { reply } = await h!.press(person, { ...press, messageTs: ts, isEphemeral: true });
    expect(reply.replace_original).toBe(true);
    const message = h!.fake.ephemeral.get(ts)!;
    expect(message.history.length).toBe(before + 1);
    return { blocks: message.blocks, text: shownText(message as unknown as Record<string, unknown>) };
  }

  async function answer(app: Pick<SlackHarness['app'], 'store' | 'library'>, ts: string, right: boolean): Promise<{ blocks: unknown[]; text: string }> {
    const { examId, position, chooseTwo } = questionOn(h!.fake.ephemeral.get(ts)!);
    const choices = answersTo(app, acme, examId, position)[right ? 'right' : 'wrong'];
    const action = `xa:${examId}:${position}`;
    if (!chooseTwo) return press('alice', ts, { actionId: `${action}:${choices[0]}`, blockId: `choices|${action}` });
    return press('alice', ts, { actionId: `submit|${action}`, blockId: `choices|${action}`, ticked: { blockId: `choices|${action}`, actionId: `pick|${action}`, values: choices.map(String) } });
  }

  it('a full exam over HTTP: letter buttons and choose-two ticks, flag, submit, report pages, within Block Kit limits', async () => {
    // A fixed sequence, so the exam drawn holds a choose-two question.
    let seed = 123_456_789;
    h = await startSlack('http', { clock, random: () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646 });
    const { ts } = await h.command('alice', 'exam', '10');
    expect(ts).toBeDefined();
    const { examId } = questionOn(h.fake.ephemeral.get(ts!)!);
    let chooseTwo = 0;
    for (let i = 0; i < 10; i++) {
      if (questionOn(h.fake.ephemeral.get(ts!)!).chooseTwo) chooseTwo += 1;
      await answer(h.app, ts!, i < 7);
    }
    expect(chooseTwo).toBeGreaterThan(0);
    let view = await press('alice', ts!, { actionId: buttonOn(h.fake.ephemeral.get(ts!)!, /Flag/) });
    expect(view.text).toMatch(/Answered 10 of 10 · Flagged 1/);
    // Nothing unanswered: Submit goes straight to the report.
    view = await press('alice', ts!, { actionId: buttonOn(view, /Submit exam/) });
    expect(view.text).toMatch(/7 of 10 right \(70%\)/);
    expect(view.text).toMatch(/Estimated score: \*700\*[\s\S]*pass mark is 700: at or above it/);
    view = await press('alice', ts!, { actionId: buttonOn(view, /Missed questions \(3\)/) });
    expect(view.text).toMatch(/Missed questions · page 1 of/);
    expect(storedExam(h.app, acme, examId).exam.submittedAt).not.toBeNull();
    // The exam's messages never reached the channel.
    expect(h.fake.callsTo('chat.postMessage')).toEqual([]);
    // Bob pressing Alice's exam button gets his own private notice; Alice's message is untouched.
    const { reply } = await h.press('bob', { actionId: `xg:${examId}:0`, messageTs: ts!, isEphemeral: true });
    expect(shownText(reply)).toMatch(/That exam is not available here/);
  });

  it('Socket Mode: a restart mid-exam carries on; time running out with no presses submits it', async () => {
    h = await startSlack('socket', { clock });
    const { ts } = await h.command('alice', 'exam', '');
    const { examId } = questionOn(h.fake.ephemeral.get(ts!)!);
    await answer(h.app, ts!, true);
    await answer(h.app, ts!, true);

    await h.adapter.stop();
    h.app.close();
    const second = createApp({ databasePath: h.app.dbPath, clock, log: createLogger('silent') });
    const adapter = new SlackAdapter({ bot: second.bot, log: createLogger('silent'), botToken: tokens.bot, appToken: tokens.app, apiUrl: h.fake.apiUrl, adminUsers: new Set() });
    await adapter.start();
    await vi.waitFor(() => expect(h!.fake.socketCount).toBe(1));
    second.exams.start();
    cleanup = async () => {
      second.exams.stop();
      await adapter.stop();
      second.close();
    };
    const view = await answer(second, ts!, false);
    expect(questionOn(view).position).toBe(3);
    expect(view.text).toMatch(/Answered 3 of 20/);
    clock.advance(30 * 60_000);
    // The hand-moved clock cannot move the timer's real sleep (tests/unit/exam-deadline.test.ts
    // runs it on fake timers); re-arming makes it look at the clock now, as it does at start-up.
    second.exams.stop();
    second.exams.start();
    await vi.waitFor(() => expect(storedExam(second, acme, examId).exam.submittedAt).not.toBeNull());
    const late = await press('alice', ts!, { actionId: `xg:${examId}:4` });
    expect(late.text).toMatch(/has been submitted[\s\S]*2 of 20 right[\s\S]*time ran out/);
  });
});
