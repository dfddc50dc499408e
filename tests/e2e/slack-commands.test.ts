import { afterEach, describe, expect, it } from 'vitest';
import { actionIds, answerPress, questionIn, shownText, startSlack, type SlackHarness } from '../fakes/slack-harness.js';

/** Every command of the table through the real Bolt app, in Socket Mode and over signed HTTP. */
describe.each(['socket', 'http'] as const)('slack slash commands (%s mode)', (mode) => {
  let h: SlackHarness | undefined;
  afterEach(async () => {
    await h?.dispose();
    h = undefined;
  });

  it('/explain answers in the channel with a Block Kit card and a plain-text fallback', async () => {
    h = await startSlack(mode);
    const { delivery } = await h.command('alice', 'explain', 'fargate');
    expect(delivery.status).toBe(200);
    expect(delivery.body?.response_type).toBe('in_channel');
    expect(String(delivery.body?.text)).toMatch(/Fargate/);
    const blocks = delivery.body?.blocks as { type: string }[];
    expect(blocks[0]?.type).toBe('header');
    expect(shownText(delivery.body)).toMatch(/\*Key points\*/);
    expect(actionIds(delivery.body)).toContain('qz:fargate');
  });

  it('/explain of something not covered is private and suggests topics', async () => {
    h = await startSlack(mode);
    const { delivery } = await h.command('alice', 'explain', 'photosynthesis');
    expect(delivery.body?.response_type).toBe('ephemeral');
    expect(String(delivery.body?.text)).toMatch(/not covered/);
  });

  it('/topics and /help are private; /help shows /daily only to admins', async () => {
    h = await startSlack(mode);
    const topics = await h.command('alice', 'topics');
    expect(topics.delivery.body?.response_type).toBe('ephemeral');
    expect(shownText(topics.delivery.body)).toMatch(/AWS Fargate/);

    const help = await h.command('alice', 'help');
    expect(help.delivery.body?.response_type).toBe('ephemeral');
    expect(String(help.delivery.body?.text)).toMatch(/\/explain &lt;topic&gt;/);
    expect(String(help.delivery.body?.text)).not.toMatch(/\/daily/);
    const adminHelp = await h.command('admin', 'help');
    expect(String(adminHelp.delivery.body?.text)).toMatch(/\/daily/);
  });

  it('/quiz asks privately, a button answers it, and the verdict comes back privately', async () => {
    h = await startSlack(mode);
    const { delivery } = await h.command('alice', 'quiz', 'lambda');
    expect(delivery.body?.response_type).toBe('ephemeral');
    const q = questionIn(h, delivery.body);
    const { reply } = await h.press('alice', answerPress(q, q.right, { isEphemeral: true }));
    expect(reply.response_type).toBe('ephemeral');
    expect(reply.replace_original).toBe(false);
    expect(String(reply.text)).toMatch(/Right!/);
    expect(actionIds(reply)).toContain('qz:lambda');

    const stats = await h.command('alice', 'stats');
    expect(stats.delivery.body?.response_type).toBe('ephemeral');
    expect(String(stats.delivery.body?.text)).toMatch(/Answers: 1 \(100% right\)/);
  });

  it('/review is empty at first, then asks the question that was missed', async () => {
    h = await startSlack(mode);
    const empty = await h.command('bob', 'review');
    expect(String(empty.delivery.body?.text)).toMatch(/review queue is empty/);

    const quiz = await h.command('bob', 'quiz', 'batch');
    const q = questionIn(h, quiz.delivery.body);
    const wrong = q.pick === 1 ? [q.wrong[0]!] : [q.wrong[0]!, q.wrong[1]!];
    const { reply } = await h.press('bob', answerPress(q, wrong));
    expect(String(reply.text)).toMatch(/Not quite/);
    h.clock.advance(24 * 60 * 60_000);
    const review = await h.command('bob', 'review');
    expect(review.delivery.body?.response_type).toBe('ephemeral');
    expect(questionIn(h, review.delivery.body).postId).toBeGreaterThan(q.postId);
  });

  it('/leaderboard is public; a bad period gets the usage privately', async () => {
    h = await startSlack(mode);
    const board = await h.command('alice', 'leaderboard', 'month');
    expect(board.delivery.body?.response_type).toBe('in_channel');
    expect(String(board.delivery.body?.text)).toMatch(/Leaderboard · this month/);

    const bad = await h.command('alice', 'leaderboard', 'yesterday');
    expect(bad.delivery.body?.response_type).toBe('ephemeral');
    expect(String(bad.delivery.body?.text)).toMatch(/period must be one of: week, month, all.*Usage: \/leaderboard/);
  });

  it('bad command text gets help, never a crash', async () => {
    h = await startSlack(mode);
    const empty = await h.command('alice', 'explain', '   ');
    expect(String(empty.delivery.body?.text)).toMatch(/Missing topic.*Usage: \/explain/);
    const long = await h.command('alice', 'quiz', 'x'.repeat(1500));
    expect(String(long.delivery.body?.text)).toMatch(/too long/);
    const odd = await h.command('alice', 'daily', 'launch');
    expect(String(odd.delivery.body?.text)).toMatch(/Only server or workspace admins|has no "launch" action/);
    // The bot still answers afterwards.
    const help = await h.command('alice', 'help');
    expect(help.delivery.body?.response_type).toBe('ephemeral');
  });

  it('a slow command is acked at once and answered through response_url', async () => {
    h = await startSlack(mode, { ackBudgetMs: 20 });
    const release = h.fake.hold('users.info');
    const { delivery, responseUrl } = await h.command('alice', 'topics');
    expect(delivery.status).toBe(200);
    expect(delivery.body?.blocks).toBeUndefined();
    release();
    const [response] = await Promise.all([h.fake.waitForResponse((r) => r.id === responseUrl.split('/').pop())]);
    expect(response.body.response_type).toBe('ephemeral');
    expect(shownText(response.body)).toMatch(/AWS Fargate/);
  });
});

describe('slack command prefix', () => {
  it('registers /cs-* commands and names them so in replies', async () => {
    const h = await startSlack('socket', { prefix: 'cs' });
    try {
      const help = await h.command('alice', 'help');
      expect(String(help.delivery.body?.text)).toMatch(/\/cs-explain &lt;topic&gt;/);
      expect(String(help.delivery.body?.text)).not.toMatch(/(^|\s)\/explain/);
      const explain = await h.command('alice', 'explain', 'ecs');
      expect(explain.delivery.body?.response_type).toBe('in_channel');
    } finally {
      await h.dispose();
    }
  });
});
