import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Reply } from '../../src/core/reply.js';
import { unsavedWriteText } from '../../src/store/store-errors.js';
import { startBot, type BotProcess } from '../support/bot-process.js';

/** Child processes compile TypeScript at start: a safety net, not an assertion. */
const childTimeoutMs = 90_000;

/** The terminal bot with --json: one command line in, one Reply line out. */
function converse(bot: BotProcess): (line: string) => Promise<Reply> {
  let buffered = '';
  const waiting: ((reply: Reply) => void)[] = [];
  bot.child.stdout?.on('data', (data: Buffer) => {
    buffered += data.toString();
    let end: number;
    while ((end = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, end);
      buffered = buffered.slice(end + 1);
      waiting.shift()?.(JSON.parse(line) as Reply);
    }
  });
  return (line) =>
    new Promise((resolve) => {
      waiting.push(resolve);
      bot.child.stdin?.write(`${line}\n`);
    });
}

describe('the database file is deleted while the bot runs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cloudstudy-deleted-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('nothing more is acknowledged: members hear that nothing was recorded, and the error is logged once', async () => {
    const path = join(dir, 'bot.db');
    const bot = startBot({ DATABASE_PATH: path }, { args: ['--json', '--user', 'Ana'], stdin: true });
    const say = converse(bot);
    try {
      const question = await say('/quiz lambda');
      const choices = question.blocks.find((b) => b.type === 'choices');
      const answer = choices?.type === 'choices' && choices.pick === 2 ? '1 2' : '1';
      expect((await say(answer)).text).toMatch(/Right|Not quite/);

      for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
      const replies = [await say('/quiz ecs'), await say('/daily set #quiz 09:00'), await say('/quiz lambda'), await say(answer), await say('/daily config count')];
      for (const reply of replies) {
        expect(reply.text).toBe(unsavedWriteText);
        expect(reply.blocks.some((b) => b.type === 'choices')).toBe(false);
      }
      // Reading still answers.
      expect((await say('/explain fargate')).text).toMatch(/AWS Fargate/);
    } finally {
      bot.child.stdin?.end();
    }
    const exit = await bot.exited;
    const errors = exit.stderr.split('\n').filter((l) => l.includes('"level":50'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('was deleted or replaced while the bot was running');
  }, childTimeoutMs);
});
