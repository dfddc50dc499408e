import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apportion, drawExamItems } from '../../src/core/exam/exam-draw.js';
import { ExamService } from '../../src/core/exam/exam-service.js';
import { createLogger } from '../../src/log.js';
import type { Reply } from '../../src/core/reply.js';
import { ManualClock } from '../support/clock.js';
import { answersTo, button, shownQuestion, storedExam } from '../support/exam-support.js';
import { caller, createTestApp } from '../support/test-app.js';

type App = ReturnType<typeof createTestApp>;
const ana = caller('Ana');

describe('drawing a practice exam', () => {
  it('apportions seats by largest remainder, never beyond what a topic holds', () => {
    const shares = new Map([['a', 0.45], ['b', 0.35], ['c', 0.2]]);
    const roomy = new Map([['a', 99], ['b', 99], ['c', 99]]);
    expect(Object.fromEntries(apportion(20, shares, roomy))).toEqual({ a: 9, b: 7, c: 4 });
    // 4.5, 3.5, 2: the one seat left goes to the larger remainder, ties to the heavier topic.
    expect(Object.fromEntries(apportion(10, shares, roomy))).toEqual({ a: 5, b: 3, c: 2 });
    // a holds only 2 items: its other seats go to b and c by their weights.
    expect(Object.fromEntries(apportion(20, shares, new Map([['a', 2], ['b', 99], ['c', 99]])))).toEqual({ a: 2, b: 11, c: 7 });
    expect([...apportion(500, shares, new Map([['a', 3], ['b', 4], ['c', 5]])).values()].reduce((x, y) => x + y)).toBe(12);
  });

  it('draws each topic group in proportion to its share of the exam, evenly among its topics, unseen items first, never an excluded one', () => {
    const app = createTestApp();
    try {
      const { library } = app;
      const lambda = library.itemsOf('lambda').map((i) => i.id);
      const seen = new Set(lambda.slice(1));
      const excluded = new Set(library.itemsOf('ecs').map((i) => i.id));
      const items = drawExamItems(library, { count: 65, seen, excluded, random: () => 0.5 });
      expect(items).toHaveLength(65);
      expect(new Set(items.map((i) => i.id)).size).toBe(65);
      expect(items.some((i) => excluded.has(i.id))).toBe(false);
      // Each topic group gets its share of the 65 (0.45, 0.35, 0.2: 29, 23, 13) ...
      const counted = (topics: readonly { id: string }[]): number => items.filter((i) => topics.some((t) => t.id === i.topic)).length;
      expect(library.groups.map((g) => [g.name, counted(g.topics)])).toEqual([['Containers', 29], ['Serverless', 23], ['Other compute', 13]]);
      // ... split evenly among its topics (ECS, excluded, has none).
      for (const group of library.groups) {
        const per = group.topics.filter((t) => t.id !== 'ecs').map((t) => counted([t]));
        expect(Math.max(...per) - Math.min(...per), group.name).toBeLessThanOrEqual(1);
      }
      // Lambda gets more than one seat, and its one unseen item is among them.
      expect(counted([{ id: 'lambda' }])).toBeGreaterThan(1);
      expect(items.some((i) => i.id === lambda[0])).toBe(true);
      // Choose-two items are drawn as on the exam.
      expect(items.some((i) => i.answer.length === 2)).toBe(true);
    } finally {
      app.dispose();
    }
  });
});

describe('/exam on a real database', () => {
  let app: App;
  let clock: ManualClock;
  beforeEach(() => {
    clock = new ManualClock();
    // A fixed sequence, so every run draws the same exams.
    let seed = 123_456_789;
    app = createTestApp({ clock, random: () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646 });
  });
  afterEach(() => app.dispose());

  const run = (text: string, who = ana): Promise<Reply> => app.bot.handle(who, { type: 'text', text });
  const press = (id: string, who = ana): Promise<Reply> => app.bot.handle(who, { type: 'action', id });
  const changes = (): number => app.store.db.prepare('SELECT total_changes()').pluck().get() as number;

  it('refuses a bad question count with a clear reply and writes nothing', async () => {
    const before = changes();
    for (const bad of ['9', '66', 'abc', '-20', '20 questions']) {
      const reply = await run(`/exam ${bad}`);
      expect(reply.text).toMatch(/is not a number of questions I can set\. Use \/exam for 20 questions, or \/exam N with N from 10 to 65/);
    }
    expect(changes()).toBe(before);
  });

  it('defaults to 20 questions in 28 minutes, and /exam again resumes the one in progress', async () => {
    const first = await run('/exam');
    const { examId } = shownQuestion(first);
    const { exam, questions } = storedExam(app, ana.community, examId);
    expect(questions).toHaveLength(20);
    expect(Math.round((exam.deadline - exam.startedAt) / 60_000)).toBe(28);
    expect(first.text).toMatch(/20 questions, 28 minutes/);
    expect(first.replace).toBe(true);
    const again = await run('/exam 30');
    expect(again.text).toMatch(/in progress: here it is again/);
    expect(shownQuestion(again).examId).toBe(examId);
  });

  it('never draws an item open as a daily question in the community', async () => {
    const open = app.library.itemsOf('lambda').map((i) => i.id);
    app.store.write(() => {
      const community = app.store.communities.ensure(ana.community, clock.now());
      for (const itemId of open) app.store.posts.create({ communityId: community.id, kind: 'daily', itemId, opensAt: clock.now(), closesAt: clock.now() + 3_600_000 }, clock.now());
    });
    const { examId } = shownQuestion(await run('/exam 65'));
    expect(storedExam(app, ana.community, examId).questions.filter((q) => open.includes(q.itemId))).toEqual([]);
  });

  it('moves back and forth, flags, changes an answer, and shows no verdict until the end', async () => {
    const start = await run('/exam 30');
    const { examId } = shownQuestion(start);
    const q0 = answersTo(app, ana.community, examId, 0);
    // Answer Q1 wrong: the exam moves on without saying so.
    const second = await press(`xa:${examId}:0:${q0.wrong.join('+')}`);
    expect(second.text).not.toMatch(/right|wrong|correct/i);
    expect(shownQuestion(second).position).toBe(1);
    expect(second.text).toMatch(/Answered 1 of 30 · Flagged 0/);
    // Back to Q1 and change the answer: the new choice is the one stored.
    const back = await press(button(second, /Back/));
    expect(shownQuestion(back).position).toBe(0);
    expect(back.blocks.find((b) => b.type === 'choices')).toMatchObject({ selected: q0.wrong });
    await press(`xa:${examId}:0:${q0.right.join('+')}`);
    expect(storedExam(app, ana.community, examId).questions[0]?.choices).toEqual(q0.right);
    // Flag Q1, then unflag and flag again: the flag toggles.
    const flagged = await press(button(back, /Flag/));
    expect(flagged.text).toMatch(/flagged/);
    expect(flagged.text).toMatch(/Flagged 1/);
    // Jump: with Q3 answered, "Next unanswered" from Q2 skips to Q4, from Q4 "Next flagged" goes to Q1.
    await press(`xa:${examId}:2:${answersTo(app, ana.community, examId, 2).right.join('+')}`);
    const q2 = await press(`xg:${examId}:1`);
    expect(shownQuestion(await press(button(q2, /Next unanswered/))).position).toBe(3);
    expect(shownQuestion(await press(button(await press(`xg:${examId}:3`), /Next flagged/))).position).toBe(0);
    // A choose-two question needs exactly two: one choice changes nothing.
    const two = storedExam(app, ana.community, examId).questions.findIndex((q) => q.position > 2 && app.library.item(q.itemId)?.answer.length === 2);
    expect(two).toBeGreaterThan(2);
    const refused = await press(`xa:${examId}:${two}:0`);
    expect(refused.text).toMatch(/needs exactly 2 choices; nothing was changed/);
    expect(storedExam(app, ana.community, examId).questions[two]?.choices).toBeUndefined();
    // Out-of-range choices and positions are refused too.
    const one = storedExam(app, ana.community, examId).questions.findIndex((q) => q.position > 2 && app.library.item(q.itemId)?.answer.length === 1);
    expect((await press(`xa:${examId}:${one}:7`)).text).toMatch(/needs one choice; nothing was changed/);
    expect(shownQuestion(await press(`xg:${examId}:999`)).position).toBe(29);
  });

  it('submits after a confirmation when questions are unanswered; the report scores, explains misses, and feeds review and stats, not the leaderboard', async () => {
    const { examId } = shownQuestion(await run('/exam 10'));
    const q = (p: number) => answersTo(app, ana.community, examId, p);
    for (let p = 0; p < 5; p++) await press(`xa:${examId}:${p}:${q(p).right.join('+')}`);
    await press(`xa:${examId}:5:${q(5).wrong.join('+')}`);
    await press(`xf:${examId}:0`); // flagged, answered right: joins review
    const confirm = await press(`xs:${examId}`);
    expect(confirm.text).toMatch(/4 of 10 questions are unanswered \(Q7, Q8, Q9, Q10\)/);
    expect(storedExam(app, ana.community, examId).exam.submittedAt).toBeNull();
    clock.advance(5 * 60_000 + 7_000);
    const report = await press(button(confirm, /Submit now/));
    expect(report.replace).toBe(true);
    expect(report.text).toMatch(/5 of 10 right \(50%\)/);
    expect(report.text).toMatch(/Estimated score: 530 on the 100–1000 scale; the pass mark is 700: below it/);
    expect(report.text).toMatch(/estimate: AWS scales its scores and does not publish how/);
    expect(report.text).toMatch(/Time used: 5 min 7 s of 13 min 51 s/);
    expect(report.blocks.some((b) => b.type === 'table' && b.rows.length > 0)).toBe(true);
    // The app wires the report to readiness: it ends with Study next and its card/practise buttons,
    // and shows the score against the pass mark as a picture.
    expect(report.text).toMatch(/Study next/);
    expect(report.blocks.flatMap((b) => (b.type === 'buttons' ? b.buttons : [])).some((b) => b.id.startsWith('qz:'))).toBe(true);
    expect(report.blocks.some((b) => b.type === 'image' && /700/.test(b.alt))).toBe(true);
    // The missed questions, every choice explained, over as many pages as it takes.
    let page = await press(button(report, /Missed questions \(5\)/));
    const shown: string[] = [];
    for (;;) {
      shown.push(page.text);
      expect(page.text).toMatch(/✅ A\)|✅ B\)|✅ C\)|✅ D\)|✅ E\)/);
      const next = page.blocks.flatMap((b) => (b.type === 'buttons' ? b.buttons : [])).find((b) => /Next misses/.test(b.label));
      if (!next) break;
      page = await press(next.id);
    }
    for (let p = 5; p < 10; p++) expect(shown.join('\n')).toContain(`Q${p + 1}. ${q(p).item.question}`);
    expect(shown.join('\n')).not.toContain(`Q1. ${q(0).item.question}`);
    // Review: the five misses and the flagged right answer.
    const member = app.store.communities.findMember(app.store.communities.find(ana.community)!.id, 'ana')!;
    expect(app.store.reviews.total(member.id)).toBe(6);
    // Stats count the six answered questions; the leaderboard has nothing.
    expect((await run('/stats')).text).toMatch(/Answers: 6 \(83% right\)/);
    expect(app.store.db.prepare('SELECT count(*) FROM scores').pluck().get()).toBe(0);
    // Readiness reads them with every other answer: the six answered questions, at submission.
    const history = app.store.history.history(member.communityId, member.id);
    expect(history).toHaveLength(6);
    expect(history[0]).toEqual({ itemId: q(0).item.id, topicId: q(0).item.topic, correct: true, answeredAt: clock.now(), kind: 'exam' });
    expect(app.store.history.activeMembers(member.communityId, 0)).toEqual([member.id]);
    // A press after submission shows the report again and changes nothing.
    const late = await press(`xa:${examId}:6:${q(6).right.join('+')}`);
    expect(late.text).toMatch(/has been submitted[\s\S]*5 of 10 right/);
    expect(storedExam(app, ana.community, examId).questions[6]?.choices).toBeUndefined();
  });

  it("finds nothing for a press from another member or another community, and writes nothing", async () => {
    const { examId } = shownQuestion(await run('/exam 10'));
    await run('/quiz', caller('Bob'));
    await run('/quiz', caller('Ana', { community: 'c2' }));
    const before = changes();
    for (const who of [caller('Bob'), caller('Ana', { community: 'c2' }), caller('Eve', { community: 'c3' })]) {
      for (const id of [`xa:${examId}:0:0`, `xf:${examId}:0`, `xg:${examId}:1`, `xs:${examId}`, `xc:${examId}`, `xr:${examId}:0`]) {
        expect((await press(id, who)).text).toMatch(/That exam is not available here/);
      }
    }
    expect(changes()).toBe(before);
    expect(storedExam(app, ana.community, examId).exam.submittedAt).toBeNull();
  });

  it('ends the score report with the "Study next" hook it is given, on the summary page only', async () => {
    const calls: number[] = [];
    const exams = new ExamService({
      store: app.store,
      library: app.library,
      clock,
      log: createLogger('silent'),
      studyNext: (_community, memberId) => {
        calls.push(memberId);
        return [{ type: 'markdown', text: 'Study next: marker' }];
      },
    });
    const { community, member } = app.store.write(() => {
      const community = app.store.communities.ensure(ana.community, clock.now());
      return { community, member: app.store.communities.ensureMember(community.id, 'ana', 'Ana', clock.now()) };
    });
    const { examId } = shownQuestion(exams.begin(community, member, 10));
    const report = exams.press(community, member, { type: 'exam', op: 'confirm', examId });
    const content = report.blocks.filter((b) => b.type !== 'buttons');
    expect(content[content.length - 1]).toEqual({ type: 'markdown', text: 'Study next: marker' });
    expect(calls).toEqual([member.id]);
    const misses = exams.press(community, member, { type: 'exam', op: 'report', examId, position: 1 });
    expect(misses.text).not.toContain('Study next: marker');
  });
});
