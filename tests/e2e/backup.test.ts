import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, caller, type TestApp } from '../support/test-app.js';

/** npm and tsx start-up on a busy machine: a safety net, not an assertion. */
const childTimeoutMs = 90_000;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command with only the environment given (a developer's .env cannot leak in: these win). */
function run(command: string, args: string[], cwd: string, env: Record<string, string>): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const repo = process.cwd();
const tsx = join(repo, 'node_modules', '.bin', 'tsx');
const script = join(repo, 'src', 'cli', 'backup.ts');

describe('npm run backup: a consistent copy while the bot writes', () => {
  let app: TestApp;
  let answers = 0;

  beforeAll(async () => {
    app = createTestApp({ random: () => 0 });
    // Some history to copy: practice questions answered by a few members.
    for (let i = 0; i < 20; i += 1) await answerOne(i);
  });
  afterAll(() => app?.dispose());

  /** One member starts a question and answers it: a post, a member, an answer and the post's count, as the bot writes them. */
  async function answerOne(i: number): Promise<void> {
    const who = caller(`Learner${i}`);
    const question = await app.bot.handle(who, { type: 'text', text: '/quiz lambda' });
    const choices = question.blocks.find((b) => b.type === 'choices');
    if (choices?.type !== 'choices') throw new Error(`no question: ${question.text}`);
    const picks = Array.from({ length: choices.pick }, (_, k) => k).join('+');
    await app.bot.handle(who, { type: 'action', id: `${choices.action}:${picks}` });
    answers += 1;
  }

  /** Keeps answering, as a busy bot would, until `until` settles. */
  async function keepWriting<T>(until: Promise<T>): Promise<{ result: T; written: number }> {
    let done = false;
    const result = until.finally(() => (done = true));
    const start = answers;
    for (let i = 1000; !done; i += 1) await answerOne(i);
    return { result: await result, written: answers - start };
  }

  it('copies with the online backup API while answers are being committed; the copy is whole and self-consistent', async () => {
    const out = join(app.dir, 'copies', 'during-writes.db');
    const { result, written } = await keepWriting(run(tsx, [script, '--out', out], repo, { DATABASE_PATH: app.dbPath }));
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`Backed up ${app.dbPath} to ${out} (${result.stdout.match(/\((\d+) pages/)?.[1]} pages, integrity check ok)\n`);
    expect(written).toBeGreaterThan(0);

    const copy = new Database(out, { readonly: true });
    try {
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(copy.pragma('foreign_key_check')).toEqual([]);
      // One consistent moment: every answer's post is there and every post's count matches its answers.
      const inCopy = copy.prepare('SELECT count(*) FROM answers').pluck().get() as number;
      expect(inCopy).toBeGreaterThanOrEqual(20);
      expect(inCopy).toBeLessThanOrEqual(answers);
      expect(copy.prepare('SELECT count(*) FROM posts p WHERE p.answer_count <> (SELECT count(*) FROM answers a WHERE a.post_id = p.id)').pluck().get()).toBe(0);
      expect(copy.prepare('SELECT name FROM schema_migrations ORDER BY name').pluck().all()).toEqual(app.store.db.prepare('SELECT name FROM schema_migrations ORDER BY name').pluck().all());
    } finally {
      copy.close();
    }
    // A single self-contained file: no WAL beside it.
    expect(readdirSync(join(app.dir, 'copies'))).toEqual(['during-writes.db']);
  }, childTimeoutMs);

  it('`npm run backup` writes to backups/cloudstudy-<time>.db by default and never overwrites', async () => {
    // npm runs scripts in the package root, so the default folder is the repository's own.
    const hadFolder = existsSync(join(repo, 'backups'));
    const first = await run('npm', ['run', '--silent', 'backup'], repo, { DATABASE_PATH: app.dbPath, npm_config_loglevel: 'silent' });
    expect(first.code).toBe(0);
    const path = /to (backups\/cloudstudy-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ\.db) /.exec(first.stdout)?.[1];
    expect(path).toBeDefined();
    const full = join(repo, path!);
    try {
      expect(existsSync(full)).toBe(true);
      const again = await run(tsx, [script, '--out', full], repo, { DATABASE_PATH: app.dbPath });
      expect(again.code).toBe(1);
      expect(again.stderr).toMatch(/^backup failed: .* already exists; a backup never overwrites a file/);
    } finally {
      rmSync(full, { force: true });
      if (!hadFolder) rmSync(join(repo, 'backups'), { recursive: true, force: true });
    }
  }, childTimeoutMs);

  it('says clearly when there is nothing to back up', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cloudstudy-nobackup-'));
    try {
      const missing = await run(tsx, [script, '--out', join(dir, 'x.db')], repo, { DATABASE_PATH: join(dir, 'missing.db') });
      expect(missing.code).toBe(1);
      expect(missing.stderr).toBe(`backup failed: ${join(dir, 'missing.db')} does not exist: nothing to back up. Is DATABASE_PATH right?\n`);
      expect(existsSync(join(dir, 'x.db'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, childTimeoutMs);
});
