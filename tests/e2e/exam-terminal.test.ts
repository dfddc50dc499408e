import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Reply } from '../../src/core/reply.js';
import { startBot, type BotProcess } from '../support/bot-process.js';

/** The terminal bot as a child process, driven one line at a time: each line gets one JSON reply. */
class Session {
  private readonly bot: BotProcess;
  private out = '';
  private seen = 0;
  private wake: () => void = () => {};

  constructor(db: string) {
    this.bot = startBot({ DATABASE_PATH: db }, { args: ['--json', '--user', 'Ana'], stdin: true });
    this.bot.child.stdout?.on('data', (d: Buffer) => {
      this.out += d.toString();
      this.wake();
    });
    void this.bot.exited.then(() => this.wake());
  }

  async send(line: string): Promise<Reply> {
    this.bot.child.stdin?.write(`${line}\n`);
    this.seen += 1;
    for (;;) {
      const lines = this.out.split('\n').filter(Boolean);
      if (lines.length >= this.seen) return JSON.parse(lines[this.seen - 1] ?? '') as Reply;
      if (this.bot.child.exitCode !== null) throw new Error(`the bot exited: ${this.bot.stderr()}`);
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }

  /** Presses the button of the last reply whose label matches: "b<n>". */
  press(reply: Reply, label: RegExp): Promise<Reply> {
    const buttons = reply.blocks.flatMap((b) => (b.type === 'buttons' ? b.buttons : []));
    const index = buttons.findIndex((b) => label.test(b.label));
    if (index < 0) throw new Error(`no button ${label} in ${reply.text.slice(0, 200)}`);
    return this.send(`b${index + 1}`);
  }

  async end(): Promise<void> {
    this.bot.child.stdin?.end();
    const exit = await this.bot.exited;
    expect(exit.stderr).toBe('');
    expect(exit.code).toBe(0);
  }
}

/** Answers the question a reply shows with the first choice (or the first two): the right answer does not matter here. */
const answerLine = (reply: Reply): string => {
  const block = reply.blocks.find((b) => b.type === 'choices');
  if (!block || block.type !== 'choices') throw new Error(`no question in ${reply.text.slice(0, 200)}`);
  return block.pick > 1 ? '1 2' : '1';
};

describe('/exam in the terminal, as a child process', () => {
  let dir = '';
  let db = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cloudstudy-exam-term-'));
    db = join(dir, 'bot.db');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('one question at a time: answer by number, flag, go back, resume after a restart, submit, report', async () => {
    const first = new Session(db);
    let reply = await first.send('/exam 10');
    expect(reply.text).toMatch(/Practice exam: 10 questions, 14 minutes/);
    expect(reply.text).toMatch(/Question 1 of 10/);
    reply = await first.send(answerLine(reply));
    expect(reply.text).toMatch(/Question 2 of 10[\s\S]*Answered 1 of 10/);
    reply = await first.press(reply, /Flag/);
    expect(reply.text).toMatch(/Question 2 of 10 · 🚩 flagged/);
    reply = await first.press(reply, /Back/);
    expect(reply.text).toMatch(/Question 1 of 10[\s\S]*← your answer/);
    await first.end();

    // A new process on the same file: /exam resumes where Ana left off.
    const second = new Session(db);
    reply = await second.send('/exam');
    expect(reply.text).toMatch(/in progress: here it is again[\s\S]*Question 2 of 10[\s\S]*Answered 1 of 10 · Flagged 1/);
    for (let q = 2; q <= 9; q++) reply = await second.send(answerLine(reply));
    reply = await second.press(reply, /Submit exam/);
    expect(reply.text).toMatch(/1 of 10 questions are unanswered \(Q10\)/);
    reply = await second.press(reply, /Submit now/);
    expect(reply.text).toMatch(/of 10 right[\s\S]*Estimated score[\s\S]*estimate: AWS scales its scores/);
    expect((await second.send('/stats')).text).toMatch(/Answers: 9 /);
    // Another exam, left running when the bot stops.
    reply = await second.send('/exam 10');
    expect(reply.text).toMatch(/Practice exam: 10 questions/);
    await second.end();

    // Its time runs out while the bot is down: the next start submits it before anything else.
    const file = new Database(db);
    file.prepare('UPDATE exams SET deadline = ? WHERE submitted_at IS NULL').run(Date.now() - 1000);
    file.close();
    const third = new Session(db);
    expect((await third.send('/stats')).text).toMatch(/Answers: 9 /);
    expect((await third.send('/exam')).text).toMatch(/ran out of time and submitted itself; here is its report[\s\S]*0 of 10 right/);
    await third.end();
    const check = new Database(db, { readonly: true });
    expect(check.prepare('SELECT count(*) FROM exams WHERE submitted_at IS NULL').pluck().get()).toBe(0);
    expect(check.prepare('SELECT count(*) FROM exams WHERE submitted_at = deadline').pluck().get()).toBe(1);
    check.close();
  });
});
