import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { activityLayout } from '../../src/core/charts/activity-chart.js';
import { palette } from '../../src/core/charts/svg.js';
import { runBot } from '../support/bot-process.js';
import { columnHeights, decodePng } from '../support/png-bars.js';

const dir = mkdtempSync(join(tmpdir(), 'cloudstudy-term-charts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('the terminal bot writes /stats as a PNG beside the database and prints its path next to the same numbers', async () => {
  const db = join(dir, 'bot.db');
  // One practice answer (one of the two fits a single or a choose-two question), then /stats.
  const run = await runBot(['--user', 'Ana'], ['/quiz lambda-pricing', '1', '1 2', '/stats'], { DATABASE_PATH: db });
  expect(run.code).toBe(0);
  const stats = run.stdout.slice(run.stdout.lastIndexOf('== Stats for Ana =='));
  expect(stats).toMatch(/Last 30 days: 1 answer \((0|100)% right\), on 1 day/);
  const path = /Chart: (\S+\.png)/.exec(stats)?.[1];
  expect(path).toBeDefined();
  expect(dirname(path!)).toBe(join(dir, 'charts'));
  expect(existsSync(path!)).toBe(true);
  expect(stats).toMatch(/Answers per day over the last 30 days, .*: 1 answer, (0|100)% right, active on 1 day\./);
  const png = decodePng(readFileSync(path!));
  const { plotX, plotWidth, plotTop, plotHeight } = activityLayout;
  // Today's column, the last, fills the plot: one answer is the most of any day.
  const columns = columnHeights(png, [palette.blue, palette.orange], { x0: plotX, x1: plotX + plotWidth, y0: plotTop - 1, y1: plotTop + plotHeight + 1 });
  expect(columns).toEqual([plotHeight]);
});
