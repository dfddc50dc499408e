import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, expect, it } from 'vitest';
import { TerminalAdapter } from '../../src/adapters/terminal/terminal-adapter.js';
import { palette } from '../../src/core/charts/svg.js';
import { ManualClock } from '../support/clock.js';
import { decodePng, horizontalBarLengths } from '../support/png-bars.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

let app: TestApp | undefined;
const chartsDir = mkdtempSync(join(tmpdir(), 'cloudstudy-charts-'));
afterEach(() => {
  app?.dispose();
  rmSync(chartsDir, { recursive: true, force: true });
});

/** Yields to the event loop until `check` passes (bounded by turns, not by time). */
async function until(check: () => boolean, what: string): Promise<void> {
  for (let turn = 0; turn < 10_000; turn += 1) {
    if (check()) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error(`never saw ${what}`);
}

it('the terminal adapter shows the daily post, answers it by number, and shows the reveal', async () => {
  const clock = new ManualClock(Date.parse('2026-03-02T08:00:00Z'));
  app = createTestApp({ clock });
  const input = new PassThrough();
  const output = new PassThrough();
  let screen = '';
  output.on('data', (chunk: Buffer) => (screen += chunk.toString('utf8')));
  const terminal = new TerminalAdapter({ bot: app.bot, input, output, user: 'Ana', json: false, interactive: false, chartsDir });
  app.daily.attach('terminal', terminal);
  const running = terminal.run();

  input.write('/daily set #study 09:00 UTC close:2h\n');
  await until(() => screen.includes('Daily quiz set for #study'), 'the confirmation');

  clock.set(Date.parse('2026-03-02T09:00:00Z'));
  await app.daily.tick();
  expect(screen).toContain('--- #study ---');
  expect(screen).toMatch(/Daily quiz · closes Mon 2 Mar 11:00 \(UTC\)/);
  expect(screen).toMatch(/No answers yet: be the first/);

  const row = app.store.db.prepare("SELECT item_id FROM posts WHERE kind = 'daily'").get() as { item_id: string };
  const item = app.library.item(row.item_id)!;
  const mark = screen.length;
  input.write(`${item.answer.map((i) => i + 1).join(' ')}\n`);
  await until(() => screen.slice(mark).includes('Right!'), 'the private verdict');
  expect(screen.slice(mark)).toContain(item.explanation);

  clock.advance(5_000);
  await app.daily.tick();
  expect(screen).toContain('--- #study (updated) ---');
  expect(screen).toMatch(/1 answered so far/);

  clock.set(Date.parse('2026-03-02T11:00:00Z'));
  await app.daily.tick();
  const reveal = screen.slice(screen.lastIndexOf('--- #study (updated) ---'));
  expect(reveal).toMatch(/Daily quiz · closed/);
  expect(reveal).toContain('1 of 1 got it right (100%)');
  expect(reveal).toContain('Right: Ana.');
  // The reveal's chart is written as a PNG and its path printed beside the same numbers in text.
  const wrong = item.choices.map((_, i) => i).filter((i) => !item.answer.includes(i));
  expect(reveal).toContain(`${String.fromCharCode(65 + item.answer[0]!)} 100% (1, right)`);
  expect(reveal).toContain(`${String.fromCharCode(65 + wrong[0]!)} 0% (0)`);
  const path = /Chart: (\S+\.png)/.exec(reveal)?.[1];
  expect(path && existsSync(path)).toBe(true);
  const png = decodePng(readFileSync(path!));
  // One full-length blue bar per right choice (everyone chose it), no orange bar (nobody chose another).
  expect(horizontalBarLengths(png, palette.blue)).toEqual(item.answer.map(() => 280));
  expect(horizontalBarLengths(png, palette.orange)).toEqual([]);

  input.end();
  await running;
});
