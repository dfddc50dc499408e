import { createHash } from 'node:crypto';
import { chmodSync, chownSync, cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { migrationsDir } from '../../src/app.js';
import { openDb } from '../../src/store/db.js';
import { startBot } from '../support/bot-process.js';
import { fillDisk } from '../support/disk-full.js';
import { startDiscordHarness, type DiscordHarness } from '../support/discord-harness.js';
import { createTestApp } from '../support/test-app.js';

/** Child processes compile TypeScript; a lock is waited out for the bot's 5 s busy timeout. Safety nets, not assertions. */
const childTimeoutMs = 90_000;

/**
 * Permission bits do not stop root. When the tests run as root, the bot runs as `nobody`,
 * so the operating system refuses its writes as it would for any ordinary service account.
 */
const asRoot = process.getuid?.() === 0;
const nobody = 65534;
const botUser = asRoot ? { uid: nobody, gid: nobody } : {};

const sha256 = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('database faults at start-up: one clear line, exit 1, nothing lost', () => {
  let base: string;
  beforeAll(() => {
    base = mkdtempSync(join(tmpdir(), 'cloudstudy-dbfault-'));
    // The bot (perhaps as nobody) must reach the folders the test makes inside.
    chmodSync(base, 0o755);
  });
  afterAll(() => {
    // Folders made read-only for a case must be writable again to be removed.
    for (const entry of readdirSync(base)) chmodSync(join(base, entry), 0o755);
    rmSync(base, { recursive: true, force: true });
  });

  /** A folder for one case, with a real database of the current schema holding one community. */
  const prepare = (name: string, migrations = migrationsDir): { dir: string; db: string } => {
    const dir = join(base, name);
    mkdirSync(dir);
    chmodSync(dir, 0o777);
    const db = join(dir, 'bot.db');
    const conn = openDb(db, { migrationsDir: migrations });
    conn.prepare("INSERT INTO communities (platform, external_id, name, created_at) VALUES ('terminal', 'local', 'Terminal', 1)").run();
    conn.close();
    if (asRoot) chownSync(db, nobody, nobody);
    return { dir, db };
  };

  const start = async (db: string): Promise<{ code: number | null; lines: string[] }> => {
    const exit = await startBot({ DATABASE_PATH: db, HOME: base }, { args: ['--json'], ...botUser }).exited;
    return { code: exit.code, lines: exit.stderr.split('\n').filter((l) => l !== '') };
  };

  it('a corrupt file', async () => {
    const { db } = prepare('corrupt');
    writeFileSync(db, 'this is not a database, just some text that is long enough to have a header '.repeat(100));
    const before = sha256(db);
    const { code, lines } = await start(db);
    expect(code).toBe(1);
    expect(lines).toEqual([expect.stringMatching(/^cloudstudy could not start: .*bot\.db is not a usable SQLite database .*npm run backup/)]);
    expect(sha256(db)).toBe(before);
  }, childTimeoutMs);

  it('a read-only file', async () => {
    const { db } = prepare('read-only-file');
    chmodSync(db, 0o444);
    const before = sha256(db);
    const { code, lines } = await start(db);
    expect(code).toBe(1);
    expect(lines).toEqual([expect.stringMatching(/^cloudstudy could not start: .*bot\.db cannot be opened for writing .*permissions/)]);
    expect(sha256(db)).toBe(before);
  }, childTimeoutMs);

  it('a read-only folder (SQLite cannot create its WAL beside the file)', async () => {
    const { dir, db } = prepare('read-only-folder');
    chmodSync(dir, 0o555);
    const before = sha256(db);
    const { code, lines } = await start(db);
    expect(code).toBe(1);
    expect(lines).toEqual([expect.stringMatching(/^cloudstudy could not start: .*bot\.db cannot be opened for writing/)]);
    expect(sha256(db)).toBe(before);
  }, childTimeoutMs);

  it('a path whose folder cannot exist (a file is in the way)', async () => {
    const dir = join(base, 'in-the-way');
    mkdirSync(dir);
    writeFileSync(join(dir, 'data'), 'a file, not a folder');
    const { code, lines } = await start(join(dir, 'data', 'bot.db'));
    expect(code).toBe(1);
    expect(lines).toEqual([expect.stringMatching(/^cloudstudy could not start: .*cannot be opened for writing/)]);
  }, childTimeoutMs);

  it('a path under /proc, where mkdir answers ENOENT for a folder whose parent exists: one line, no endless loop', async () => {
    const bot = startBot({ DATABASE_PATH: '/proc/cloudstudy-test/bot.db', HOME: base }, { args: ['--json'], ...botUser });
    // Before the fix the process spun at 100% CPU for ever; the kill is a safety net so it cannot outlive the test.
    const safety = setTimeout(() => void bot.kill('SIGKILL'), childTimeoutMs - 10_000);
    const exit = await bot.exited;
    clearTimeout(safety);
    expect(exit.code).toBe(1);
    expect(exit.stderr.split('\n').filter((l) => l !== '')).toEqual([expect.stringMatching(/^cloudstudy could not start: \/proc\/cloudstudy-test\/bot\.db cannot be opened for writing .*DATABASE_PATH/)]);
  }, childTimeoutMs);

  it('a file locked by another process while a migration is due: the migration waits, gives up, and leaves the schema as it was', async () => {
    // A database from before the latest migrations.
    const older = join(base, 'older-migrations');
    mkdirSync(older);
    cpSync(join(migrationsDir, '0001_init.sql'), join(older, '0001_init.sql'));
    const { db } = prepare('locked', older);
    const holder = new Database(db);
    const schema = (): unknown => holder.prepare('SELECT name, sql FROM sqlite_master ORDER BY name').all();
    const before = schema();
    holder.exec('BEGIN IMMEDIATE');
    try {
      const { code, lines } = await start(db);
      expect(code).toBe(1);
      expect(lines).toEqual([expect.stringMatching(/^cloudstudy could not start: .*bot\.db is locked by another process .*Stop the other process or wait/)]);
    } finally {
      holder.exec('ROLLBACK');
    }
    expect(schema()).toEqual(before);
    expect(holder.prepare('SELECT name FROM schema_migrations').pluck().all()).toEqual(['0001_init.sql']);
    expect(holder.prepare('SELECT count(*) FROM communities').pluck().get()).toBe(1);
    holder.close();
  }, childTimeoutMs);
});

describe('database faults while running: the member is told to try again, nothing is half-written', () => {
  let h: DiscordHarness;
  let holder: Database.Database | undefined;
  beforeAll(async () => {
    // random() = 0: the question is one with a single answer, so button 0 is a whole answer.
    h = await startDiscordHarness({ app: createTestApp({ random: () => 0 }) });
  });
  afterEach(() => {
    if (holder?.inTransaction) holder.exec('ROLLBACK');
    holder?.close();
    holder = undefined;
    h.app.store.db.pragma('query_only = OFF');
  });
  afterAll(async () => {
    await h?.stop();
  });

  const written = () => ({
    answers: h.app.store.db.prepare('SELECT count(*) FROM answers').pluck().get(),
    members: h.app.store.db.prepare('SELECT count(*) FROM members').pluck().get(),
    counted: h.app.store.db.prepare('SELECT coalesce(sum(answer_count), 0) FROM posts').pluck().get(),
  });

  it.each([
    [
      'another process holds the write lock',
      () => {
        holder = new Database(h.app.dbPath);
        holder.exec('BEGIN IMMEDIATE');
        // The bot waits out its busy timeout (5 s in production) before giving up; shortened here to keep the suite quick.
        h.app.store.db.pragma('busy_timeout = 50');
      },
    ],
    ['the file turned read-only under the bot', () => h.app.store.db.pragma('query_only = ON')],
  ])('%s', async (name, fault) => {
    const member = h.fake.member(`learner-${name.length}`);
    const question = await h.fake.slashCommand({ guild: h.guild, member, name: 'quiz', options: { topic: 'lambda' } }).reply();
    const customId = question.buttons[0]!.customId;
    const before = written();
    fault();
    const refused = await h.fake.press({ member, messageId: question.id, customId }).reply();
    expect(refused.ephemeral).toBe(true);
    expect(refused.text).toContain('Nothing was recorded; please try again');
    expect(written()).toEqual(before);

    // The fault clears: the same press now counts, once.
    if (holder) holder.exec('ROLLBACK');
    h.app.store.db.pragma('query_only = OFF');
    h.app.store.db.pragma('busy_timeout = 5000');
    const counted = await h.fake.press({ member, messageId: question.id, customId }).reply();
    expect(counted.text).toMatch(/Right!|Not quite/);
    expect(written()).toEqual({ ...before, answers: Number(before.answers) + 1, counted: Number(before.counted) + 1 });
  });

  it('the disk is full: /quiz through Discord shows no question, a press counts nothing, and both work once space returns', async () => {
    const member = h.fake.member('learner-disk-full');
    const question = await h.fake.slashCommand({ guild: h.guild, member, name: 'quiz', options: { topic: 'lambda' } }).reply();
    const customId = question.buttons[0]!.customId;
    const before = { ...written(), posts: h.app.store.db.prepare('SELECT count(*) FROM posts').pluck().get() };
    const disk = fillDisk();
    try {
      const noQuestion = await h.fake.slashCommand({ guild: h.guild, member, name: 'quiz', options: { topic: 'ecs' } }).reply();
      expect(noQuestion.ephemeral).toBe(true);
      expect(noQuestion.text).toContain('Nothing was recorded; please try again');
      expect(noQuestion.buttons).toEqual([]);
      const refused = await h.fake.press({ member, messageId: question.id, customId }).reply();
      expect(refused.text).toContain('Nothing was recorded; please try again');
    } finally {
      disk.clear();
    }
    expect({ ...written(), posts: h.app.store.db.prepare('SELECT count(*) FROM posts').pluck().get() }).toEqual(before);
    const asked = await h.fake.slashCommand({ guild: h.guild, member, name: 'quiz', options: { topic: 'ecs' } }).reply();
    expect(asked.buttons.length).toBeGreaterThan(0);
    expect((await h.fake.press({ member, messageId: question.id, customId }).reply()).text).toMatch(/Right!|Not quite/);
  });
});
