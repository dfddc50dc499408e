import { horizontalBars, barLayout } from './bars.js';
import { card, palette, percent, text, type Chart } from './svg.js';

export interface ExamReportChartInput {
  /** The estimated score on the exam's scale, its pass mark and the scale's ends (CLF-C02: 100–1000, 700). */
  score: number;
  pass: number;
  min: number;
  max: number;
  topics: { title: string; right: number; total: number }[];
}

/** The exam report: the score against the pass mark, then questions right per topic. */
export function examReportChart(input: ExamReportChartInput): Chart {
  const span = input.max - input.min;
  const passed = input.score >= input.pass;
  const passShare = span > 0 ? (input.pass - input.min) / span : 0;
  const score = horizontalBars(
    76,
    [{ label: 'Estimated score', fraction: span > 0 ? (input.score - input.min) / span : 0, fill: passed ? palette.blue : palette.orange, value: `${input.score} ${passed ? 'pass' : 'below'}` }],
    { fraction: passShare, label: `pass mark ${input.pass}` },
  );
  const topicsTop = score.bottom + 34;
  const topics = horizontalBars(
    topicsTop,
    input.topics.map((t) => ({
      label: t.title,
      fraction: t.total === 0 ? undefined : t.right / t.total,
      fill: t.total > 0 && t.right / t.total >= passShare ? palette.blue : palette.orange,
      value: t.total === 0 ? 'no questions' : `${t.right}/${t.total} (${percent(t.right, t.total)}%)`,
    })),
  );
  const height = topics.bottom + 36;
  const parts = [
    text(24, 58, `Scale ${input.min}–${input.max}; an estimate, as AWS scales its scores`, { size: 13, fill: palette.muted }),
    ...score.parts,
    text(24, topicsTop - 12, 'Questions right per topic', { size: 14, weight: 600 }),
    ...topics.parts,
    text(24, height - 16, 'Blue: at or above the pass share · Orange: below', { size: 12, fill: palette.muted }),
  ];
  const alt = `Estimated score ${input.score} of ${input.min}–${input.max}, pass mark ${input.pass} (${passed ? 'passed' : 'below the pass mark'}). Per topic: ${input.topics
    .map((t) => `${t.title} ${t.right}/${t.total}`)
    .join('; ')}.`;
  return { name: 'exam-report.png', alt, svg: card(barLayout.width, height, 'Practice exam report', parts), width: barLayout.width, height };
}
