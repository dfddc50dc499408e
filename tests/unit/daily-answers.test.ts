import { afterEach, describe, expect, it } from 'vitest';
import { countEditIntervalMs } from '../../src/core/daily/daily-service.js';
import type { QuizItem } from '../../src/core/content/schema.js';
import { DailyWorld, day, hour } from '../support/daily-world.js';

let world: DailyWorld | undefined;
afterEach(() => {
  world?.dispose();
  world = undefined;
});

/** A world with one 09:00 UTC schedule whose first post is up; returns the post id and its item. */
async function posted(start = '2026-03-02T09:00:00Z', schedule = '/daily set #study 09:00 UTC'): Promise<{ w: DailyWorld; postId: number; item: QuizItem }> {
  const w = new DailyWorld(Date.parse(start) - 60_000);
  world = w;
  await w.admin(schedule);
  await w.jump(60_000);
  const postId = DailyWorld.postIdOf(w.poster.posts[0]!.reply);
  const item = w.app.library.item(w.dailyPosts()[0]!.itemId)!;
  return { w, postId, item };
}

const right = (item: QuizItem): string => item.answer.join('+');
const wrong = (item: QuizItem): string => {
  const picks: number[] = [];
  for (let i = 0; picks.length < item.answer.length; i += 1) if (!item.answer.includes(i)) picks.push(i);
  return picks.join('+');
};
const answer = (w: DailyWorld, user: string, postId: number, choice: string) => w.as(user, `ans:${postId}:${choice}`);

describe('answering the daily question', () => {
  it('each member answers once: the first answer counts, the verdict and explanation come privately', async () => {
    const { w, postId, item } = await posted();
    const first = await answer(w, 'Ana', postId, wrong(item));
    expect(first.visibility).toBe('ephemeral');
    expect(first.text).toMatch(/Not quite/);
    expect(first.text).toContain(item.explanation);
    const second = await answer(w, 'Ana', postId, right(item));
    expect(second.text).toMatch(/You already answered this one[\s\S]*first answer is the one that counts/);
    const rows = w.app.store.db.prepare('SELECT choices, correct FROM answers').all();
    expect(rows).toEqual([{ choices: wrong(item), correct: 0 }]);
    expect(w.dailyPosts()[0]!.answerCount).toBe(1);
  });

  it('the public post shows how many answered, at most one edit per interval, never who chose what', async () => {
    const { w, postId, item } = await posted();
    await answer(w, 'Ana', postId, right(item));
    await answer(w, 'Bob', postId, wrong(item));
    await answer(w, 'Cy', postId, right(item));
    await w.tick(); // within the interval after posting: no edit yet
    expect(w.poster.edits).toHaveLength(0);
    w.clock.advance(countEditIntervalMs);
    await w.tick();
    await w.tick();
    expect(w.poster.edits).toHaveLength(1);
    const shown = w.poster.edits[0]!.reply;
    expect(shown.text).toMatch(/3 answered so far/);
    await answer(w, 'Dee', postId, right(item));
    await w.tick();
    expect(w.poster.edits).toHaveLength(1);
    w.clock.advance(countEditIntervalMs);
    await w.tick();
    expect(w.poster.edits).toHaveLength(2);
    // Each edit is the posted question with only the count changed: nothing about who chose what.
    const original = JSON.stringify(w.poster.posts[0]!.reply);
    expect(original).toContain('No answers yet: be the first.');
    expect(w.poster.edits.map((e) => JSON.stringify(e.reply).replaceAll(/\d+ answered so far\./g, 'No answers yet: be the first.'))).toEqual([original, original]);
    expect(w.poster.edits[1]!.reply.text).toMatch(/4 answered so far/);
  });

  it('answers stop at the close, even before the scheduler has run', async () => {
    const { w, postId, item } = await posted('2026-03-02T09:00:00Z', '/daily set #study 09:00 UTC close:2h');
    w.clock.advance(2 * hour);
    const late = await answer(w, 'Ana', postId, right(item));
    expect(late.text).toMatch(/has closed/);
    expect(w.dailyPosts()[0]!.answerCount).toBe(0);
  });
});

describe('the reveal', () => {
  it('shows the answer, the explanation, the share right, who got it right, and the streak leaders', async () => {
    const { w, postId, item } = await posted();
    await answer(w, 'Ana', postId, right(item));
    await answer(w, 'Bob', postId, wrong(item));
    await answer(w, 'Cy', postId, right(item));
    await w.jump(day);
    const reveal = w.poster.messages.get(w.poster.posts[0]!.ref)!.reply;
    expect(reveal.text).toMatch(/^Daily quiz · closed/);
    expect(reveal.text).toContain(`${item.answer.length > 1 ? 'Answers' : 'Answer'}: ${item.answer.map((i) => `${String.fromCharCode(65 + i)}) ${item.choices[i]!.text}`).join(' and ')}`);
    expect(reveal.text).toContain(item.explanation);
    expect(reveal.text).toContain('2 of 3 got it right (67%)');
    expect(reveal.text).toContain('Right: Ana, Cy.');
    expect(reveal.text).not.toContain('Bob chose');
    expect(reveal.text).toContain('Streak leaders: Ana 1 · Bob 1 · Cy 1');
    expect(reveal.blocks.some((b) => b.type === 'choices')).toBe(false);
  });

  it('with reveal=count it says only how many got it right', async () => {
    const { w, postId, item } = await posted();
    const config = await w.admin('/daily config reveal:count');
    expect(config.text).toMatch(/only how many/);
    await answer(w, 'Ana', postId, right(item));
    await answer(w, 'Bob', postId, wrong(item));
    await w.jump(day);
    const reveal = w.poster.messages.get(w.poster.posts[0]!.ref)!.reply;
    expect(reveal.text).toContain('1 of 2 got it right (50%)');
    expect(reveal.text).not.toContain('Right:');
    expect(reveal.text.split('Streak leaders:')[0]).not.toMatch(/Ana|Bob/);
  });
});

describe('scoring, streaks and review from daily answers', () => {
  it('streaks count scheduled days: weekends off never break one; one missed day is forgiven, two reset it', async () => {
    const { w } = await posted('2026-03-02T09:00:00Z', '/daily set #study 09:00 UTC weekdays'); // Monday
    // Ana: Mon Tue (miss Wed) Thu Fri | Mon → 5. Bob: Mon (miss Tue Wed) Thu Fri | Mon → 3.
    const plan: Record<string, string[]> = {
      '2026-03-02': ['Ana', 'Bob'],
      '2026-03-03': ['Ana'],
      '2026-03-04': [],
      '2026-03-05': ['Ana', 'Bob'],
      '2026-03-06': ['Ana', 'Bob'],
      '2026-03-09': ['Ana', 'Bob'],
    };
    for (;;) {
      const row = w.dailyPosts().at(-1)!;
      const item = w.app.library.item(row.itemId)!;
      for (const who of plan[row.localDay] ?? []) await answer(w, who, row.id, right(item));
      if (row.localDay === '2026-03-09') break;
      await w.jump(day);
    }
    expect(w.dailyPosts().map((r) => r.localDay)).toEqual(Object.keys(plan));
    // Streaks count at the close; Monday's post is still open.
    const member = (id: string) => w.app.store.communities.findMember(1, id)!;
    expect(member('ana').streakCurrent).toBe(4);
    await w.jump(day);
    expect(member('ana').streakCurrent).toBe(5);
    expect(member('bob').streakCurrent).toBe(3);
    expect(member('bob').streakBest).toBe(3);
    const reveal = w.poster.messages.get(w.poster.posts.at(-2)!.ref)!.reply;
    expect(reveal.text).toContain('Streak leaders: Ana 5 · Bob 3');
  });

  it("a wrong daily answer enters the member's spaced review; a right one scores points", async () => {
    const { w, postId, item } = await posted();
    await answer(w, 'Ana', postId, wrong(item));
    await answer(w, 'Bob', postId, right(item));
    const ana = w.app.store.communities.findMember(1, 'ana')!;
    const bob = w.app.store.communities.findMember(1, 'bob')!;
    // Nothing counts while the question is open: the leaderboard must not hint who is right.
    expect(w.app.store.scores.standing(1, bob.id, 'all')).toBeUndefined();
    expect(w.app.store.reviews.get(ana.id, item.id)).toBeUndefined();
    await w.jump(day);
    expect(w.app.store.reviews.get(ana.id, item.id)).toBeDefined();
    expect(w.app.store.reviews.get(bob.id, item.id)).toBeUndefined();
    const review = await w.as('Ana', '/review');
    expect(review.text).toContain(item.question);
    const points = { easy: 10, medium: 15, hard: 20 }[item.difficulty];
    expect(w.app.store.scores.standing(1, bob.id, 'all')?.points).toBe(points);
    expect(w.app.store.scores.standing(1, ana.id, 'all')?.points).toBe(0);
  });

  it('practice answers build stats and review but never the leaderboard', async () => {
    const { w } = await posted();
    const quiz = await w.as('Cy', '/quiz');
    const action = quiz.blocks.find((b) => b.type === 'choices');
    expect(action?.type).toBe('choices');
    if (action?.type !== 'choices') return;
    await w.as('Cy', `${action.action}:0`);
    const cy = w.app.store.communities.findMember(1, 'cy')!;
    expect(w.app.store.scores.standing(1, cy.id, 'all')).toBeUndefined();
    expect((await w.as('Cy', '/stats')).text).toMatch(/Answers: 1/);
  });

  it("leaderboard weeks and months follow the community's zone, not the schedule's or UTC", async () => {
    // Tuesday 31 March 20:00 UTC is Wednesday 1 April 01:30 in Kolkata.
    const { w, postId, item } = await posted('2026-03-31T20:00:00Z', '/daily set #study 20:00 UTC');
    expect((await w.admin('/daily config timezone:Asia/Kolkata')).text).toMatch(/Asia\/Kolkata/);
    await answer(w, 'Ana', postId, right(item));
    await w.jump(day); // the post closes: its points land
    const periods = w.app.store.db.prepare('SELECT period FROM scores ORDER BY period').pluck().all();
    expect(periods).toEqual(['all', 'm:2026-04', 'w:2026-03-30']);
    // Sunday 5 April 19:00 UTC is already Monday 6 April in Kolkata: a new week.
    w.clock.set(Date.parse('2026-04-05T19:00:00Z'));
    const board = await w.as('Ana', '/leaderboard week');
    expect(board.text).toMatch(/No daily quiz answers yet/);
    expect((await w.as('Ana', '/leaderboard month')).text).toMatch(/Ana/);
  });
});
