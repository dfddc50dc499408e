import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../support/clock.js';
import { caller, createTestApp } from '../support/test-app.js';

type App = ReturnType<typeof createTestApp>;

describe('commands on a real database', () => {
  let app: App;
  let clock: ManualClock;
  beforeEach(() => {
    clock = new ManualClock(Date.UTC(2026, 10, 18, 12, 0)); // a Wednesday
    app = createTestApp({ clock });
  });
  afterEach(() => app.dispose());
  const run = (text: string, user = 'Ana', options: Parameters<typeof caller>[1] = {}) => app.bot.handle(caller(user, options), { type: 'text', text });

  it('/explain gives the card: title, summary, key points, exam tips, related, source, quiz button', async () => {
    const card = await run('/explain fargate');
    expect(card.visibility).toBe('public');
    expect(card.blocks[0]).toEqual({ type: 'heading', text: 'AWS Fargate' });
    expect(card.text).toMatch(/Key points:/);
    expect(card.text).toMatch(/Exam tips:/);
    expect(card.text).toMatch(/Related: .*Amazon ECS/);
    expect(card.text).toMatch(/Source: https:\/\/docs\.aws\.amazon\.com\//);
    const buttons = card.blocks.flatMap((b) => (b.type === 'buttons' ? b.buttons : []));
    expect(buttons[0]).toMatchObject({ id: 'qz:fargate', label: 'Quiz me on this' });
    expect(buttons.slice(1).every((b) => b.id.startsWith('exp:'))).toBe(true);
  });

  it('/explain answers comparisons and learner phrases, and refuses what it does not cover', async () => {
    expect((await run('/explain lambda vs batch')).blocks[0]).toEqual({ type: 'heading', text: 'AWS Batch vs AWS Lambda' });
    expect((await run('/explain how much does lambda cost')).blocks[0]).toEqual({ type: 'heading', text: 'Lambda pricing' });
    const glacier = await run('/explain s3 glacier');
    expect(glacier.visibility).toBe('ephemeral');
    expect(glacier.text).toMatch(/not covered here/);
    expect((await run('/explain')).text).toMatch(/Missing topic.*Usage: \/explain <topic>/);
    expect((await run(`/explain ${'a'.repeat(900)}`)).text).toMatch(/topic is too long \(at most 200 characters\)/);
  });

  it('/explain compares any two topics side by side, row by row, with a button to each card', async () => {
    const reply = await run('/explain difference between ecs and eks');
    expect(reply.visibility).toBe('public');
    expect(reply.blocks[0]).toEqual({ type: 'heading', text: 'Amazon ECS vs Amazon EKS' });
    const rows = reply.blocks.filter((b) => b.type === 'fields');
    expect(rows.length).toBe(5);
    for (const row of rows) {
      if (row.type !== 'fields') continue;
      expect(row.sideBySide).toBe(true);
      expect(row.fields.map((f) => f.label.split(' · ')[1])).toEqual(['Amazon ECS', 'Amazon EKS']);
    }
    expect(reply.text).toMatch(/Billing · Amazon ECS: .*ECS Anywhere.*\nBilling · Amazon EKS: \$0\.10 per cluster-hour/);
    const buttons = reply.blocks.flatMap((b) => (b.type === 'buttons' ? b.buttons.map((x) => x.id) : []));
    expect(buttons).toEqual(['exp:ecs', 'exp:eks']);
    // A hand-written card still answers the comparisons it covers.
    expect((await run('/explain batch or lambda for a 2 hour job')).blocks[0]).toEqual({ type: 'heading', text: 'AWS Batch vs AWS Lambda' });
  });

  it('/explain of a service the content only mentions names the cards that mention it, never another card', async () => {
    for (const query of ['s3', 'amazon s3']) {
      const reply = await run(`/explain ${query}`);
      expect(reply.visibility).toBe('ephemeral');
      expect(reply.text).toMatch(/is not covered here/);
      expect(reply.text).toMatch(/Amazon S3 comes up in: AWS Lambda, Serverless/);
      const buttons = reply.blocks.flatMap((b) => (b.type === 'buttons' ? b.buttons.map((x) => x.id) : []));
      expect(buttons.slice(0, 2)).toEqual(['exp:lambda', 'exp:serverless']);
    }
    expect((await run('/explain dynamodb')).text).toMatch(/Amazon DynamoDB comes up in: Serverless/);
    // A whole name that includes the service still opens its card.
    expect((await run('/explain s3 trigger')).blocks[0]).toEqual({ type: 'heading', text: 'AWS Lambda' });
  });

  it('a comparison with a side that has no card of its own gives the covered side\'s card and says so, never another pair\'s card', async () => {
    const ec2 = await run('/explain ec2 vs ecs');
    expect(ec2.blocks[0]).toEqual({ type: 'markdown', text: expect.stringMatching(/^\*\*"ec2" is not covered here as a topic of its own \(only the Amazon EC2 vs AWS Lambda card covers it\), so there is no comparison with Amazon ECS\./) });
    expect(ec2.blocks[1]).toEqual({ type: 'heading', text: 'Amazon ECS (Elastic Container Service)' });
    expect(ec2.text).not.toMatch(/^Amazon EC2 vs AWS Lambda/m);
    const dynamo = await run('/explain dynamodb vs lambda');
    expect(dynamo.text).toMatch(/^"Amazon DynamoDB" is not covered here as a topic of its own, so there is no comparison with AWS Lambda\./);
    expect(dynamo.blocks[1]).toEqual({ type: 'heading', text: 'AWS Lambda' });
  });

  it('a related-topic button shows that card privately; an unknown one says so', async () => {
    const reply = await app.bot.handle(caller('Ana'), { type: 'action', id: 'exp:ecs' });
    expect(reply.visibility).toBe('ephemeral');
    expect(reply.text).toMatch(/Amazon ECS/);
    expect((await app.bot.handle(caller('Ana'), { type: 'action', id: 'exp:nope' })).text).toMatch(/no longer available/);
  });

  it('/topics lists every topic, grouped', async () => {
    const reply = await run('/topics');
    for (const group of ['Containers:', 'Serverless:', 'Other compute:']) expect(reply.text).toContain(group);
    for (const topic of app.library.topics) expect(reply.text).toContain(topic.title);
  });

  it('/topics lists each group in reading order: the basics first, a comparison after what it compares', async () => {
    const text = (await run('/topics')).text;
    const before = (a: string, b: string): void => expect(text.indexOf(`- ${a} (`), `${a} before ${b}`).toBeLessThan(text.indexOf(`- ${b} (`));
    before('Docker and containers', 'Docker vs virtual machines');
    before('Docker vs virtual machines', 'Amazon ECS (Elastic Container Service)');
    before('Amazon ECS (Elastic Container Service)', 'AWS Fargate');
    before('Serverless', 'AWS Lambda');
    before('AWS Lambda', 'Lambda pricing');
    before('AWS Batch', 'AWS Batch vs AWS Lambda');
    before('AWS Batch vs AWS Lambda', 'Which compute service when');
    // Every topic states its place, so a new file cannot land at random.
    expect(app.library.topics.filter((t) => t.order === undefined).map((t) => t.id)).toEqual([]);
  });

  it('/help lists the commands from the table; bad commands get a clear reply', async () => {
    const help = await run('/help');
    for (const name of ['/explain', '/topics', '/quiz', '/leaderboard', '/stats', '/review']) expect(help.text).toContain(name);
    expect((await run('/nope')).text).toMatch(/There is no \/nope command/);
    expect((await run('explain fargate')).blocks[0]).toEqual({ type: 'heading', text: 'AWS Fargate' });
    expect((await run('/leaderboard yearly')).text).toMatch(/period must be one of: week, month, all/);
    expect((await run('/')).text).toMatch(/Commands start with a slash/);
  });

  it('reads never create rows: /stats, /review, /leaderboard for a stranger write nothing', async () => {
    for (const text of ['/stats', '/review', '/leaderboard', '/leaderboard all', '/topics', '/explain ecs', '/help']) await run(text, 'Stranger');
    const n = (t: string) => (app.store.db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
    expect([n('communities'), n('members'), n('posts')]).toEqual([0, 0, 0]);
  });
});

describe('leaderboard from daily answers', () => {
  let app: App;
  let clock: ManualClock;
  beforeEach(() => {
    clock = new ManualClock(Date.UTC(2026, 10, 18, 12, 0));
    app = createTestApp({ clock });
  });
  afterEach(() => app.dispose());

  /** A daily post for the community, answered right by `winners` and wrong by `losers`. */
  const dailyRound = async (day: string, winners: string[], losers: string[] = []) => {
    const now = clock.now();
    const item = app.library.items.find((i) => i.answer.length === 1)!;
    const post = app.store.write(() => {
      const community = app.store.communities.ensure(caller('x').community, now);
      return app.store.posts.create({ communityId: community.id, kind: 'daily', itemId: item.id, channelId: 'general', localDay: day, opensAt: now, closesAt: now + 3600_000 }, now);
    });
    const wrong = item.answer[0] === 0 ? 1 : 0;
    for (const w of winners) await app.bot.handle(caller(w), { type: 'action', id: `ans:${post.id}:${item.answer[0]}` });
    for (const l of losers) await app.bot.handle(caller(l), { type: 'action', id: `ans:${post.id}:${wrong}` });
    // The round closes: its answers reach the leaderboard and streaks.
    app.store.db.prepare("UPDATE posts SET status = 'closed', message_ref = 'm' || id WHERE id = ?").run(post.id);
    await app.daily.tick();
    return item;
  };

  it('ranks by points with accuracy and streaks; shows the caller beyond the top 10', async () => {
    const many = Array.from({ length: 12 }, (_, i) => `M${String(i).padStart(2, '0')}`);
    await dailyRound('2026-11-17', many.slice(0, 11), ['Late']);
    clock.advance(24 * 3600_000);
    await dailyRound('2026-11-18', many.slice(0, 3), many.slice(3).concat('Late'));
    const board = await app.bot.handle(caller('Late'), { type: 'text', text: '/leaderboard week' });
    expect(board.visibility).toBe('public');
    const table = board.blocks.find((b) => b.type === 'table');
    expect(table?.type === 'table' && table.rows.length).toBe(11);
    expect(table?.type === 'table' && table.rows[0]).toEqual(['1', 'M00', expect.any(String), '100%', '2']);
    expect(table?.type === 'table' && table.highlightRow).toBe(10);
    expect(table?.type === 'table' && table.rows[10]?.[1]).toBe('Late');
    expect(board.text).not.toMatch(/chose/);
    // M10 has M09's points but is the 11th: the board says the cut went through a tie.
    expect(board.text).toMatch(/^…and 1 more member tied at #4 with \d+ pts\.$/m);
  });

  it('a top 10 that cuts through a tie says how many more share that rank', async () => {
    const fourteen = Array.from({ length: 14 }, (_, i) => `T${String(i).padStart(2, '0')}`);
    await dailyRound('2026-11-17', fourteen, ['Slow']);
    const board = await app.bot.handle(caller('Slow'), { type: 'text', text: '/leaderboard week' });
    const table = board.blocks.find((b) => b.type === 'table');
    expect(table?.type === 'table' && table.rows.map((r) => r[0])).toEqual([...Array(10).fill('1'), '15']);
    expect(board.text).toMatch(/^…and 4 more members tied at #1 with \d+ pts\.$/m);
    expect(board.blocks).toContainEqual({ type: 'markdown', text: expect.stringMatching(/^…and 4 more members tied at #1/) });
    // One of the tied members outside the top 10 sees their own row, so one fewer is hidden.
    expect((await app.bot.handle(caller('T12'), { type: 'text', text: '/leaderboard week' })).text).toMatch(/^→ 1 +T12 [\s\S]*…and 3 more members tied at #1/m);
    // No tie at the cut, no line.
    expect((await app.bot.handle(caller('Slow'), { type: 'text', text: '/leaderboard month' })).text).toMatch(/tied at #1/);
    await dailyRound('2026-11-18', fourteen.slice(0, 10), fourteen.slice(10));
    expect((await app.bot.handle(caller('Slow'), { type: 'text', text: '/leaderboard week' })).text).not.toMatch(/tied at/);
  });

  it('periods follow the community time zone: last week is not this week', async () => {
    await dailyRound('2026-11-18', ['Ana']);
    clock.advance(7 * 24 * 3600_000);
    expect((await app.bot.handle(caller('Ana'), { type: 'text', text: '/leaderboard week' })).text).toMatch(/No daily quiz answers yet/);
    expect((await app.bot.handle(caller('Ana'), { type: 'text', text: '/leaderboard month' })).text).toMatch(/Ana/);
    expect((await app.bot.handle(caller('Ana'), { type: 'text', text: '/leaderboard all' })).text).toMatch(/Ana/);
  });

  it('a streak survives one missed scheduled day and resets after two', async () => {
    const days = ['2026-11-10', '2026-11-11', '2026-11-12', '2026-11-13', '2026-11-14', '2026-11-15'];
    await dailyRound(days[0]!, ['Ana', 'Bob']);
    await dailyRound(days[1]!, ['Ana', 'Bob']);
    await dailyRound(days[2]!, ['Bob']); // Ana misses one day: forgiven
    await dailyRound(days[3]!, ['Ana']); // Bob misses...
    await dailyRound(days[4]!, ['Ana']); // ...two days: reset
    await dailyRound(days[5]!, ['Ana', 'Bob']);
    const ana = app.store.communities.findMember(1, 'ana')!;
    const bob = app.store.communities.findMember(1, 'bob')!;
    expect(ana.streakCurrent).toBe(5);
    expect(bob.streakCurrent).toBe(1);
    expect(bob.streakBest).toBe(3);
  });
});
