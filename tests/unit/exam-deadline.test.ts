import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../src/app.js';
import type { Clock } from '../../src/core/time.js';
import { createLogger } from '../../src/log.js';
import { ManualClock } from '../support/clock.js';
import { answersTo, shownQuestion, storedExam } from '../support/exam-support.js';
import { caller, createTestApp } from '../support/test-app.js';

const ana = caller('Ana');
const minute = 60_000;

describe('the practice exam deadline', () => {
  const apps: { dispose(): void }[] = [];
  afterEach(() => {
    vi.useRealTimers();
    for (const app of apps.splice(0)) app.dispose();
  });

  it('submits the exam by itself at the deadline when nobody presses anything', async () => {
    vi.useFakeTimers({ now: Date.UTC(2026, 10, 16, 12), toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const clock: Clock = { now: () => Date.now() };
    const app = createTestApp({ clock });
    apps.push(app);
    app.exams.start();
    const { examId } = shownQuestion(await app.bot.handle(ana, { type: 'text', text: '/exam 10' }));
    const { item, wrong } = answersTo(app, ana.community, examId, 0);
    await app.bot.handle(ana, { type: 'action', id: `xa:${examId}:0:${wrong.join('+')}` });
    const { exam } = storedExam(app, ana.community, examId);

    await vi.advanceTimersByTimeAsync(exam.deadline - Date.now() - 1_000);
    expect(storedExam(app, ana.community, examId).exam.submittedAt).toBeNull();
    await vi.advanceTimersByTimeAsync(2_000);
    const after = storedExam(app, ana.community, examId);
    expect(after.exam.submittedAt).toBe(exam.deadline);
    expect(after.questions.every((q) => q.correct === false)).toBe(true);
    // Every question was missed (one wrong, nine unanswered): all ten join review.
    const member = app.store.communities.findMember(after.exam.communityId, 'ana')!;
    expect(app.store.reviews.total(member.id)).toBe(10);
    expect(app.store.reviews.get(member.id, item.id)).toBeDefined();
    // Ana's next /exam shows that report first; the one after starts a new exam.
    const next = await app.bot.handle(ana, { type: 'text', text: '/exam' });
    expect(next.text).toMatch(/ran out of time and submitted itself; here is its report[\s\S]*0 of 10 right/);
    expect(shownQuestion(await app.bot.handle(ana, { type: 'text', text: '/exam' })).examId).not.toBe(examId);
    app.exams.stop();
  });

  it('a press after the deadline gets the report, not a new answer', async () => {
    const clock = new ManualClock();
    const app = createTestApp({ clock });
    apps.push(app);
    const { examId } = shownQuestion(await app.bot.handle(ana, { type: 'text', text: '/exam 10' }));
    clock.advance(15 * minute);
    const { right } = answersTo(app, ana.community, examId, 0);
    const reply = await app.bot.handle(ana, { type: 'action', id: `xa:${examId}:0:${right.join('+')}` });
    expect(reply.text).toMatch(/has been submitted[\s\S]*0 of 10 right[\s\S]*time ran out/);
    const { exam, questions } = storedExam(app, ana.community, examId);
    expect(exam.submittedAt).not.toBeNull();
    expect(questions[0]?.choices).toBeUndefined();
    // /exam now starts a fresh exam.
    expect(shownQuestion(await app.bot.handle(ana, { type: 'text', text: '/exam' })).examId).not.toBe(examId);
  });

  it('resumes an exam in progress after a restart, answers and flags kept', async () => {
    const clock = new ManualClock();
    const first = createTestApp({ clock });
    apps.push(first);
    const { examId } = shownQuestion(await first.bot.handle(ana, { type: 'text', text: '/exam 10' }));
    const a0 = answersTo(first, ana.community, examId, 0);
    await first.bot.handle(ana, { type: 'action', id: `xa:${examId}:0:${a0.right.join('+')}` });
    await first.bot.handle(ana, { type: 'action', id: `xf:${examId}:1` });
    first.close();

    clock.advance(5 * minute);
    const second = createApp({ databasePath: first.dbPath, clock, log: createLogger('silent') });
    try {
      second.exams.start();
      const resumed = await second.bot.handle(ana, { type: 'text', text: '/exam' });
      expect(resumed.text).toMatch(/in progress: here it is again/);
      expect(shownQuestion(resumed)).toMatchObject({ examId, position: 1 });
      expect(resumed.text).toMatch(/Answered 1 of 10 · Flagged 1 · 9 min left/);
      // A button of the message shown before the restart still works.
      const next = await second.bot.handle(ana, { type: 'action', id: `xg:${examId}:2` });
      expect(shownQuestion(next).position).toBe(2);
      expect(storedExam(second, ana.community, examId).exam.submittedAt).toBeNull();
    } finally {
      second.close();
    }
  });

  it('catches up at start-up on an exam whose time ran out while the bot was down', async () => {
    const clock = new ManualClock();
    const first = createTestApp({ clock });
    apps.push(first);
    const { examId } = shownQuestion(await first.bot.handle(ana, { type: 'text', text: '/exam 10' }));
    first.close();

    clock.advance(60 * minute);
    const second = createApp({ databasePath: first.dbPath, clock, log: createLogger('silent') });
    try {
      second.exams.start();
      await vi.waitFor(() => expect(storedExam(second, ana.community, examId).exam.submittedAt).not.toBeNull());
      const { exam } = storedExam(second, ana.community, examId);
      expect(exam.submittedAt).toBe(exam.deadline);
    } finally {
      second.close();
    }
  });
});
