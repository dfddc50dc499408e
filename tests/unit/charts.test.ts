import { describe, expect, it } from 'vitest';
import { renderPng, stopChartWorkers } from '../../src/adapters/chart-png.js';
import { activityChart, activityLayout } from '../../src/core/charts/activity-chart.js';
import { barLayout } from '../../src/core/charts/bars.js';
import { digestChart } from '../../src/core/charts/digest-chart.js';
import { examReportChart } from '../../src/core/charts/exam-report-chart.js';
import { lastDays } from '../../src/core/charts/last-days.js';
import { readinessChart } from '../../src/core/charts/readiness-chart.js';
import { revealChart } from '../../src/core/charts/reveal-chart.js';
import { palette } from '../../src/core/charts/svg.js';
import { columnHeights, decodePng, horizontalBarLengths } from '../support/png-bars.js';

const { barWidth } = barLayout;
/** Bar lengths are whole pixels after anti-aliased edges are left out: within one pixel of the exact share. */
const near = (lengths: number[], shares: number[]): void => {
  expect(lengths).toHaveLength(shares.length);
  lengths.forEach((length, i) => expect(Math.abs(length - shares[i]! * barWidth)).toBeLessThanOrEqual(1));
};

describe('charts: SVG built in the core, drawn to PNG with the shipped font', () => {
  it('readiness: bars follow each topic, blue at or above the pass line, orange below, nothing drawn for "not enough data"', async () => {
    const chart = readinessChart([{ title: 'AWS Fargate', readiness: 0.82 }, { title: 'Amazon EKS', readiness: undefined }, { title: 'AWS Lambda', readiness: 0.55 }, { title: 'AWS Batch', readiness: 0.7 }], 0.7);
    const png = decodePng(await renderPng(chart.svg));
    expect([png.width, png.height]).toEqual([chart.width, chart.height]);
    near(horizontalBarLengths(png, palette.blue), [0.82, 0.7]);
    near(horizontalBarLengths(png, palette.orange), [0.55]);
    expect(chart.svg).toContain('not enough data');
    expect(chart.svg).toContain('pass line 70%');
    // The dashed pass line crosses the bars at 70% of their width.
    const passX = barLayout.barX + Math.round(0.7 * barWidth);
    const [dashes] = columnHeights(png, palette.passLine, { x0: passX, x1: passX + 1, y0: 70, y1: 76 + 4 * barLayout.rowHeight });
    expect(dashes).toBeGreaterThan(2 * barLayout.rowHeight);
    expect(chart.alt).toBe('Readiness per topic against the pass line of 70%: AWS Fargate 82%; Amazon EKS not enough data yet; AWS Lambda 55%; AWS Batch 70%.');
  });

  it('weekly digest: the week in the heading, group readiness per topic against the pass line, the same numbers in the alt text', async () => {
    const chart = digestChart({ weekLabel: '2026-03-02 to 2026-03-08', answers: 11, right: 7, topics: [{ title: 'AWS Fargate', chance: 0.74 }, { title: 'AWS Lambda', chance: 0.52 }, { title: 'AWS Batch', chance: 0.7 }], passLine: 0.7 });
    const png = decodePng(await renderPng(chart.svg));
    expect([png.width, png.height]).toEqual([chart.width, chart.height]);
    near(horizontalBarLengths(png, palette.blue), [0.74, 0.7]);
    near(horizontalBarLengths(png, palette.orange), [0.52]);
    expect(chart.svg).toContain('2026-03-02 to 2026-03-08: 11 answers, 64% right');
    expect(chart.alt).toBe('Weekly digest, 2026-03-02 to 2026-03-08: 11 answers, 64% right; group readiness per topic against the pass line of 70%: AWS Fargate 74%; AWS Lambda 52%; AWS Batch 70%.');
    // Too few active members: no bars at all, and the alt text says why.
    const empty = digestChart({ weekLabel: 'w', answers: 0, right: 0, topics: [], passLine: 0.7 });
    const blank = decodePng(await renderPng(empty.svg));
    expect([...horizontalBarLengths(blank, palette.blue), ...horizontalBarLengths(blank, palette.orange)]).toEqual([]);
    expect(empty.alt).toBe('Weekly digest, w: no answers; too few active members for group readiness.');
  });

  it('exam report: the score against the pass mark on the exam scale, then right per topic', async () => {
    const chart = examReportChart({ score: 640, pass: 700, min: 100, max: 1000, topics: [{ title: 'Containers', right: 7, total: 9 }, { title: 'Serverless', right: 5, total: 8 }] });
    const png = decodePng(await renderPng(chart.svg));
    // Below the pass mark: the score is orange, as is Serverless (5/8 under the pass share of 2/3); Containers is blue.
    near(horizontalBarLengths(png, palette.orange), [540 / 900, 5 / 8]);
    near(horizontalBarLengths(png, palette.blue), [7 / 9]);
    expect(chart.svg).toContain('pass mark 700');
    expect(chart.svg).toContain('7/9 (78%)');
    expect(chart.alt).toContain('Estimated score 640 of 100–1000, pass mark 700 (below the pass mark)');
  });

  it('last 30 days: one column per day, as tall as its answers, right answers blue under the others in orange', async () => {
    const days = Array.from({ length: 30 }, (_, i) => ({ day: `2026-11-${String(i + 1).padStart(2, '0')}`, answered: i === 3 ? 4 : i === 10 ? 2 : 0, correct: i === 3 ? 1 : i === 10 ? 2 : 0 }));
    const chart = activityChart(days);
    const png = decodePng(await renderPng(chart.svg));
    const { plotX, plotWidth, plotTop, plotHeight } = activityLayout;
    const plot = { x0: plotX, x1: plotX + plotWidth, y0: plotTop - 1, y1: plotTop + plotHeight + 1 };
    // Where blue meets orange mid-pixel the blended row counts as neither: within one pixel.
    const within = (heights: number[], want: number[]): void => {
      expect(heights).toHaveLength(want.length);
      heights.forEach((h, i) => expect(Math.abs(h - want[i]!)).toBeLessThanOrEqual(1));
    };
    within(columnHeights(png, [palette.blue, palette.orange], plot), [plotHeight, plotHeight / 2]);
    within(columnHeights(png, palette.blue, plot), [plotHeight / 4, plotHeight / 2]);
    within(columnHeights(png, palette.orange, plot), [(3 * plotHeight) / 4]);
    expect(chart.svg).toContain('6 answers in 30 days · 50% right · active on 2 days');
  });

  it('reveal: the share per choice, the right one blue and labelled; an empty post draws no bars', async () => {
    const chart = revealChart({ choices: [{ key: 'A', text: 'Fargate', count: 1 }, { key: 'B', text: 'Lambda', count: 3 }, { key: 'C', text: 'EC2', count: 0 }], correct: [1], answered: 4 });
    const png = decodePng(await renderPng(chart.svg));
    near(horizontalBarLengths(png, palette.blue), [0.75]);
    near(horizontalBarLengths(png, palette.orange), [0.25]);
    expect(chart.svg).toContain('75% (3) right');
    expect(chart.alt).toBe('Share of answers per choice, 4 answered: A 25% (1); B 75% (3), right answer; C 0% (0).');
    const empty = decodePng(await renderPng(revealChart({ choices: [{ key: 'A', text: 'x', count: 0 }], correct: [0], answered: 0 }).svg));
    expect(horizontalBarLengths(empty, palette.blue)).toEqual([]);
  });

  it('escapes text, draws it with the shipped font whatever the machine has, and draws the same bytes every time', async () => {
    const chart = readinessChart([{ title: `<script>"&'</script>`, readiness: 0.5 }], 0.7);
    expect(chart.svg).toContain('&lt;script&gt;&quot;&amp;&apos;&lt;/script&gt;');
    expect(chart.svg).not.toContain('<script>');
    const first = await renderPng(chart.svg);
    expect(Buffer.from(await renderPng(chart.svg)).equals(Buffer.from(first))).toBe(true);
    // The title is drawn: dark text pixels in the title band (system fonts are never loaded, so this is Inter).
    const png = decodePng(first);
    expect(columnHeights(png, palette.text, { x0: 24, x1: 300, y0: 18, y1: 42 }).length).toBeGreaterThan(5);
  });
});

describe('the chart worker', () => {
  it('draws the same picture across worker replacements (every 16 charts) and after being stopped', async () => {
    const chart = revealChart({ choices: [{ key: 'A', text: 'x', count: 1 }], correct: [0], answered: 1 });
    const first = Buffer.from(await renderPng(chart.svg));
    // 40 charts, some in flight together: three workers take their turn.
    const all = await Promise.all(Array.from({ length: 40 }, () => renderPng(chart.svg)));
    for (const png of all) expect(Buffer.from(png).equals(first)).toBe(true);
    stopChartWorkers();
    expect(Buffer.from(await renderPng(chart.svg)).equals(first)).toBe(true);
  });

  it('rejects an SVG resvg cannot read, and keeps drawing afterwards', async () => {
    await expect(renderPng('<svg')).rejects.toThrow(/drawing a chart failed/);
    const png = decodePng(await renderPng(revealChart({ choices: [{ key: 'A', text: 'x', count: 1 }], correct: [0], answered: 1 }).svg));
    expect(png.width).toBe(barLayout.width);
  });
});

describe('lastDays', () => {
  it('buckets answers by local day over the last days, a daylight-saving change neither skipping nor repeating one', async () => {
    // Europe/London goes to summer time on 29 March 2026.
    const now = Date.parse('2026-04-02T10:00:00Z');
    const answers = [
      { answeredAt: Date.parse('2026-03-28T23:30:00Z'), correct: true }, // 28 March local (GMT)
      { answeredAt: Date.parse('2026-03-29T23:30:00Z'), correct: false }, // 30 March local (BST)
      { answeredAt: Date.parse('2026-04-02T09:00:00Z'), correct: true },
      { answeredAt: Date.parse('2026-02-01T09:00:00Z'), correct: true }, // too old
    ];
    const days = lastDays(answers, now, 'Europe/London', 7);
    expect(days.map((d) => d.day)).toEqual(['2026-03-27', '2026-03-28', '2026-03-29', '2026-03-30', '2026-03-31', '2026-04-01', '2026-04-02']);
    expect(days.map((d) => [d.answered, d.correct])).toEqual([[0, 0], [1, 1], [0, 0], [1, 0], [0, 0], [0, 0], [1, 1]]);
  });
});
