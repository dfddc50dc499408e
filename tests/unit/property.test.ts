import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import fc from 'fast-check';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app.js';
import { ManualClock } from '../support/clock.js';
import { caller } from '../support/test-app.js';

describe('random input never crashes a command', () => {
  let app: App;
  let dir: string;
  const errors: string[] = [];
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cloudstudy-prop-'));
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        errors.push(chunk.toString());
        done();
      },
    });
    app = createApp({ databasePath: join(dir, 'p.db'), clock: new ManualClock(), log: pino({ level: 'error' }, sink) });
  });
  afterAll(() => {
    app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const text = fc.oneof(
    fc.string({ maxLength: 300 }),
    fc.string({ unit: 'grapheme', maxLength: 100 }),
    fc.string({ unit: 'binary', maxLength: 100 }),
    fc.constantFrom("'; DROP TABLE answers; --", '<script>alert(1)</script>', '@everyone', '**bold** `code`', '\u0000\u0007', 'name:value topic:', '"unclosed'),
    fc.string({ minLength: 1000, maxLength: 6000 }),
  );

  it('typed commands: every command name with any text gets a reply and no logged error', async () => {
    const names = app.bot.specs.map((s) => s.name).concat(['nope', '']);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...names), text, fc.boolean(), async (name, rest, admin) => {
        const reply = await app.bot.handle(caller('Prop', { admin }), { type: 'text', text: `/${name} ${rest}` });
        expect(reply.text.length).toBeGreaterThan(0);
        expect(['public', 'ephemeral']).toContain(reply.visibility);
      }),
      { numRuns: 400 },
    );
    expect(errors).toEqual([]);
  });

  it('structured commands (as Discord sends them) with any option values', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...app.bot.specs),
        fc.dictionary(fc.constantFrom('topic', 'period', 'channel', 'time', 'timezone', 'days', 'close', 'reveal', 'x'), text),
        fc.option(fc.constantFrom('set', 'pause', 'resume', 'remove', 'status', 'config', 'bogus'), { nil: undefined }),
        async (spec, args, sub) => {
          const reply = await app.bot.handle(caller('Prop', { admin: true }), { type: 'command', name: spec.name, args, ...(sub ? { sub } : {}) });
          expect(reply.text.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 300 },
    );
    expect(errors).toEqual([]);
  });

  it('button ids: anything pressed gets a reply; forged ids write no answer and touch no exam', async () => {
    // Someone else's exam in progress, for forged exam ids to point at.
    await app.bot.handle(caller('Ana'), { type: 'text', text: '/exam 10' });
    const examState = (): unknown => app.store.db.prepare('SELECT e.submitted_at, q.choices, q.flagged FROM exams e JOIN exam_questions q ON q.exam_id = e.id ORDER BY e.id, q.position').all();
    const before = examState();
    const examId = app.store.db.prepare('SELECT max(id) FROM exams').pluck().get() as number;
    const id = fc.oneof(
      text,
      fc.tuple(fc.constantFrom('ans', 'exp', 'qz', 'rva', 'rvn', 'xa', 'xg', 'xf', 'xr', 'xs', 'xc'), fc.array(fc.string({ maxLength: 12 }), { maxLength: 4 })).map(([k, parts]) => [k, ...parts].join(':')),
      fc.tuple(fc.integer({ min: -5, max: 10_000_000 }), fc.array(fc.integer({ min: -1, max: 9 }), { maxLength: 6 })).map(([post, c]) => `ans:${post}:${c.join('+')}`),
      fc
        .tuple(fc.constantFrom('xa', 'xg', 'xf', 'xr', 'xs', 'xc'), fc.constantFrom(examId, examId + 1, 0, -1), fc.array(fc.integer({ min: -1, max: 1000 }), { maxLength: 3 }))
        .map(([k, exam, rest]) => [k, exam, ...rest].join(':')),
    );
    await fc.assert(
      fc.asyncProperty(id, async (actionId) => {
        // Mallory has no questions of her own: every answer id she sends is forged.
        const reply = await app.bot.handle(caller('Mallory'), { type: 'action', id: actionId });
        expect(reply.text.length).toBeGreaterThan(0);
      }),
      { numRuns: 400 },
    );
    expect(app.store.db.prepare("SELECT count(*) FROM answers a JOIN members m ON m.id = a.member_id WHERE m.external_id = 'mallory'").pluck().get()).toBe(0);
    expect(examState()).toEqual(before);
    expect(errors).toEqual([]);
  });
});
