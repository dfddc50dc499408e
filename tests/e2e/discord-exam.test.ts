import { afterEach, describe, expect, it, vi } from 'vitest';
import { DiscordAdapter } from '../../src/adapters/discord/discord-adapter.js';
import { createApp } from '../../src/app.js';
import { createLogger } from '../../src/log.js';
import type { FakeDiscord, FakeMember } from '../fakes/fake-discord.js';
import { viewMessage, type MessageView } from '../fakes/fake-discord-view.js';
import { ManualClock } from '../support/clock.js';
import { startDiscordHarness, type DiscordHarness } from '../support/discord-harness.js';
import { answersTo, storedExam } from '../support/exam-support.js';
import { createTestApp } from '../support/test-app.js';

/** The exam question a Discord message shows: its answer buttons `xa:<exam>:<pos>:<i>` or its choose-two menu `xa:<exam>:<pos>`. */
function questionOn(view: MessageView): { examId: number; position: number; menu: boolean } {
  const id = view.select?.customId ?? view.buttons.find((b) => /^xa:\d+:\d+:\d$/.test(b.customId))?.customId;
  const match = id && /^xa:(\d+):(\d+)/.exec(id);
  if (!match) throw new Error(`no exam question on: ${view.text.slice(0, 300)}`);
  return { examId: Number(match[1]), position: Number(match[2]), menu: view.select !== undefined };
}

const current = (fake: FakeDiscord, messageId: string): MessageView => viewMessage(fake.message(messageId)!.message);
const buttonId = (view: MessageView, label: RegExp): string => {
  const found = view.buttons.find((b) => label.test(b.label));
  if (!found) throw new Error(`no button ${label} on: ${view.text.slice(0, 300)}`);
  return found.customId;
};

describe('Discord: /exam through the real discord.js client, one private message updated in place', () => {
  let h: DiscordHarness | undefined;
  const clock = new ManualClock();
  afterEach(async () => {
    await h?.stop();
    h = undefined;
  });

  /** Presses on the exam message; Discord must have been answered with UPDATE_MESSAGE (type 7). */
  async function press(member: FakeMember, messageId: string, customId: string, values?: string[]): Promise<MessageView> {
    const interaction = h!.fake.press({ member, messageId, customId, ...(values ? { values } : {}) });
    const response = await interaction.response();
    expect(response.type).toBe(7);
    const reply = await interaction.reply();
    expect(reply.id).toBe(messageId);
    expect(reply.ephemeral).toBe(true);
    return reply;
  }

  /** Answers the question on the message, right or wrong, the way Discord sends it. */
  async function answer(member: FakeMember, messageId: string, right: boolean): Promise<MessageView> {
    const view = current(h!.fake, messageId);
    const { examId, position, menu } = questionOn(view);
    const ref = { platform: 'discord' as const, externalId: h!.guild.id };
    const choices = answersTo(h!.app, ref, examId, position)[right ? 'right' : 'wrong'];
    return menu ? press(member, messageId, `xa:${examId}:${position}`, choices.map(String)) : press(member, messageId, `xa:${examId}:${position}:${choices[0]}`);
  }

  it('a full exam: answers, back, flag, submit with confirmation, report pages, all within Discord limits', async () => {
    h = await startDiscordHarness({ app: createTestApp({ clock }) });
    const ana = h.fake.member('ana');
    const start = await h.fake.slashCommand({ guild: h.guild, member: ana, name: 'exam', options: { questions: '10' } }).reply();
    expect(start.ephemeral).toBe(true);
    expect(start.text).toMatch(/10 questions, 14 minutes/);
    const { examId } = questionOn(start);
    for (let i = 0; i < 9; i++) await answer(ana, start.id, i % 3 !== 0);
    let view = current(h.fake, start.id);
    expect(questionOn(view).position).toBe(9);
    expect(view.text).toMatch(/Answered 9 of 10 · Flagged 0/);
    view = await press(ana, start.id, buttonId(view, /Back/));
    expect(questionOn(view).position).toBe(8);
    view = await press(ana, start.id, buttonId(view, /Flag/));
    expect(view.text).toMatch(/Flagged 1/);
    view = await press(ana, start.id, buttonId(view, /Submit exam/));
    expect(view.text).toMatch(/1 of 10 questions are unanswered \(Q10\)/);
    view = await press(ana, start.id, buttonId(view, /Submit now/));
    expect(view.text).toMatch(/6 of 10 right \(60%\)/);
    expect(view.text).toMatch(/Estimated score: \*\*610\*\*[\s\S]*pass mark is 700: below it/);
    expect(view.text).toMatch(/estimate: AWS scales its scores/);
    // The report's chart is attached to the updated message and shown as the embed's image.
    expect((view.embeds[0]?.image as { url?: string } | undefined)?.url).toBe('attachment://exam-report.png');
    expect((view.raw.attachments as { filename?: string }[] | undefined)?.map((a) => a.filename)).toEqual(['exam-report.png']);
    let pages = 0;
    view = await press(ana, start.id, buttonId(view, /Missed questions \(4\)/));
    // The chart belongs to the summary: the page of misses that replaces it carries none.
    expect((view.raw.attachments as unknown[] | undefined) ?? []).toEqual([]);
    for (;;) {
      pages += 1;
      expect(view.text).toMatch(/Missed questions · page \d of \d/);
      const next = view.buttons.find((b) => /Next misses/.test(b.label));
      if (!next) break;
      view = await press(ana, start.id, next.customId);
    }
    expect(pages).toBeGreaterThan(0);
    expect(storedExam(h.app, { platform: 'discord', externalId: h.guild.id }, examId).exam.submittedAt).toBe(clock.now());
    expect(h.fake.state.invalidBodies).toEqual([]);
    // Another member pressing a button of Ana's exam finds nothing and changes nothing.
    const bob = h.fake.member('bob');
    const stranger = await h.fake.press({ member: bob, messageId: start.id, customId: `xf:${examId}:0` }).reply();
    expect(stranger.text).toMatch(/That exam is not available here/);
    expect(stranger.id).not.toBe(start.id);
  });

  it('a restart mid-exam: the new process carries on from the same message; time running out with no presses submits it', async () => {
    const app = createTestApp({ clock });
    h = await startDiscordHarness({ app });
    const ana = h.fake.member('ana');
    const start = await h.fake.slashCommand({ guild: h.guild, member: ana, name: 'exam', options: {} }).reply();
    const { examId } = questionOn(start);
    await answer(ana, start.id, true);
    await answer(ana, start.id, true);

    // Restart: the first bot goes away, a new one opens the same database and logs in again.
    const first = h;
    await first.adapter.stop();
    app.close();
    const second = createApp({ databasePath: app.dbPath, clock, log: createLogger('silent') });
    const adapter = new DiscordAdapter({ bot: second.bot, topics: () => [], token: first.fake.token, apiUrl: first.fake.apiUrl, log: createLogger('silent') });
    await adapter.start();
    second.exams.start();
    h = {
      ...first,
      app: { ...app, ...second },
      adapter,
      async stop() {
        second.exams.stop();
        await adapter.stop();
        await first.fake.stop();
        second.close();
        app.dispose();
      },
    };
    const view = await answer(ana, start.id, false);
    expect(questionOn(view).position).toBe(3);
    expect(view.text).toMatch(/Answered 3 of 20/);
    // Nobody presses anything until the time is up: the timer submits the exam by itself.
    clock.advance(30 * 60_000);
    // The hand-moved clock cannot move the timer's real sleep (tests/unit/exam-deadline.test.ts
    // runs it on fake timers); re-arming makes it look at the clock now, as it does at start-up.
    second.exams.stop();
    second.exams.start();
    await vi.waitFor(() => expect(storedExam(second, { platform: 'discord', externalId: first.guild.id }, examId).exam.submittedAt).not.toBeNull());
    const late = await press(ana, start.id, `xg:${examId}:4`);
    expect(late.text).toMatch(/has been submitted[\s\S]*2 of 20 right[\s\S]*time ran out/);
  });
});

