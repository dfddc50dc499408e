import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Reply } from '../../src/core/reply.js';
import { runBot, startBot } from '../support/bot-process.js';

describe('the terminal adapter as a child process', () => {
  let dir = '';
  let db = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cloudstudy-term-'));
    db = join(dir, 'bot.db');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const json = async (lines: string[], user = 'Ana'): Promise<Reply[]> => {
    const run = await runBot(['--json', '--user', user], lines, { DATABASE_PATH: db });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    return run.stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Reply);
  };

  it('prints one JSON reply per command line', async () => {
    const replies = await json(['/help', '', '/topics', '/explain ECS', '/explain asdfgh', 'hello', '/nope']);
    expect(replies).toHaveLength(6);
    expect(replies[0]?.text).toMatch(/\/explain <topic>/);
    expect(replies[2]?.blocks[0]).toEqual({ type: 'heading', text: 'Amazon ECS (Elastic Container Service)' });
    expect(replies[3]?.text).toMatch(/not covered here/);
    expect(replies[4]?.text).toMatch(/Commands start with a slash/);
    expect(replies[5]?.text).toMatch(/There is no \/nope command/);
  });

  it('answers by number, keeps data across runs, and switches members with /as', async () => {
    // The item may be single or "choose two": one of the two answers fits it, the other is refused.
    const replies = await json(['/quiz lambda-pricing', '1', '1 2', '1', '1 2', '9', 'b99']);
    await json(['/stats']); // a second process on the same file
    const later = await json(['/stats', '/as Bob', '/stats']);
    expect(replies).toHaveLength(7);
    const texts = replies.map((r) => r.text);
    expect(texts.slice(1, 3).filter((t) => /Right|Not quite/.test(t))).toHaveLength(1);
    expect(texts.slice(1, 3).filter((t) => /Answer with one number|needs 2 numbers/.test(t))).toHaveLength(1);
    expect(texts.slice(3, 5).filter((t) => /already answered/.test(t))).toHaveLength(1);
    expect(texts[5]).toMatch(/Answer with a number from 1 to/);
    expect(texts[6]).toMatch(/no button b99/);
    expect(later[0]?.text).toMatch(/Stats for Ana[\s\S]*Answers: 1 /);
    expect(later[1]?.text).toBe('You are now Bob.');
    expect(later[2]?.text).toMatch(/No answers yet/);
  });

  it('renders readable text without --json, with numbered choices and buttons', async () => {
    const run = await runBot(['--user', 'Cleo'], ['/explain fargate', 'b1'], { DATABASE_PATH: db });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/== AWS Fargate ==/);
    expect(run.stdout).toMatch(/\[b1\] Quiz me on this/);
    expect(run.stdout).toMatch(/ {2}\[1\] A\) /);
  });

  it('a name --user cannot use is refused as /as refuses it, before anything runs', async () => {
    for (const name of ['🦊 fox', 'x'.repeat(100)]) {
      const run = await runBot(['--json', '--user', name], ['/stats'], { DATABASE_PATH: db });
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain(`--user "${name}" is not a name I can use (letters, digits, spaces, . _ -; up to 32 characters).`);
    }
    const as = await json(['/as 🦊 fox', '/as Zed']);
    expect(as.map((r) => r.text)).toEqual(['Usage: /as NAME (letters, digits, spaces, . _ -; up to 32 characters).', 'You are now Zed.']);
  });

  it('/quit ends a piped session: the lines after it are not run', async () => {
    const replies = await json(['/help', '/quit', '/quiz lambda', '/stats']);
    expect(replies).toHaveLength(1);
    expect(replies[0]?.text).toMatch(/\/explain <topic>/);
  });

  it('b1 presses a button of the last reply only: a reply without buttons leaves none to press', async () => {
    const replies = await json(['/explain fargate', '/stats', 'b1', 'b9', '/explain ecs', 'b9', 'b2'], 'Dana');
    expect(replies.map((r) => r.text.split('\n')[0])).toEqual([
      expect.stringMatching(/AWS Fargate/),
      expect.stringMatching(/No answers yet/),
      'There is no button b1 on the last reply.',
      'There is no button b9 on the last reply.',
      expect.stringMatching(/Amazon ECS/),
      // A mistyped button is the adapter's hint, not a reply: the card's buttons stay.
      'There is no button b9 on the last reply.',
      expect.stringMatching(/^(?!There is no button)/),
    ]);
  });

  it('a question is reported with its button and the next line; /cancel sends nothing, /quit leaves; /reports lists it', async () => {
    const replies = await json(['/quiz ecr', 'b1', 'Choice B is also right since 2024', '/quiz ecr', 'b1', '/cancel', '/quiz ecr', 'b1', 'x'.repeat(501), '/reports'], 'Finn');
    const texts = replies.map((r) => r.text);
    expect(replies[1]?.ask?.maxLength).toBe(500);
    expect(texts[2]).toMatch(/Thanks: your report on ecr-\d+ is recorded/);
    expect(texts[5]).toBe('Cancelled: nothing was sent.');
    expect(texts[8]).toMatch(/too long \(501 characters; the limit is 500\)/);
    expect(texts[9]).toMatch(/Reported questions \(1\)[\s\S]*"Choice B is also right since 2024" \(Finn\)/);
    // /quit at the prompt leaves; it is not sent as a report.
    const quit = await json(['/quiz ecr', 'b1', '/quit', '/reports'], 'Finn');
    expect(quit).toHaveLength(2);
    const plain = await runBot(['--user', 'Finn'], ['/quiz ecr', 'b1'], { DATABASE_PATH: db });
    expect(plain.stdout).toMatch(/\[b1\] Report this question/);
    expect(plain.stdout).toMatch(/What is wrong with it\? Type it on the next line \(up to 500 characters\), or \/cancel\./);
  });

  it('every reply reaches a slow reader before the process exits', async () => {
    const topics = ['ecs', 'fargate', 'lambda', 'eks', 'api gateway', 'batch', 'lightsail', 'ecr'];
    const lines = Array.from({ length: 80 }, (_, i) => (i % 10 === 9 ? '/topics' : `/explain ${topics[i % topics.length]}`));
    const bot = startBot({ DATABASE_PATH: db }, { args: ['--json', '--user', 'Eve'], stdin: lines.map((l) => `${l}\n`).join('') });
    // The reader does not read until the bot has exited or a while has passed, as `| (sleep 2; wc -l)` does.
    bot.child.stdout?.pause();
    await new Promise<void>((resolve) => {
      const slowness = setTimeout(resolve, 2000);
      bot.child.once('exit', () => {
        clearTimeout(slowness);
        resolve();
      });
    });
    bot.child.stdout?.resume();
    const run = await bot.exited;
    expect(run.code).toBe(0);
    const replies = run.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Reply);
    expect(replies).toHaveLength(80);
    expect(replies[79]?.text).toMatch(/^Topics\n[\s\S]*16 topics\./);
  });

  it('shows a comparison as one line per side and row, with a button to each card', async () => {
    const run = await runBot(['--user', 'Dan'], ['/explain difference between ecs and eks', 'b2'], { DATABASE_PATH: db });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/== Amazon ECS vs Amazon EKS ==\nWhat it is · Amazon ECS: .+\nWhat it is · Amazon EKS: .+\nServers · Amazon ECS: /);
    expect(run.stdout).toMatch(/\[b1\] Amazon ECS {3}\[b2\] Amazon EKS/);
    expect(run.stdout).toMatch(/== Amazon EKS \(Elastic Kubernetes Service\) ==/);
  });

  it('stops with one line naming a bad setting', async () => {
    const run = await runBot([], ['/help'], { DATABASE_PATH: db, SLACK_BOT_TOKEN: 'nope' });
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/SLACK_BOT_TOKEN must be a bot token starting with xoxb-/);
  });

  it('stops with one line naming a broken content file', async () => {
    const run = await runBot([], ['/help'], { DATABASE_PATH: db, CONTENT_DIR: join(dir, 'missing-content') });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^cloudstudy could not start: .*missing-content.*folder is missing\n$/);
  });
});
