import { horizontalBars, barLayout } from './bars.js';
import { card, palette, percent, text, type Chart } from './svg.js';

export interface DigestChartInput {
  /** "24–30 Nov": the days the digest covers. */
  weekLabel: string;
  answers: number;
  right: number;
  /** The group's average chance per topic (0 to 1); empty when the group is too small to show. */
  topics: { title: string; chance: number }[];
  passLine: number;
}

/** The weekly digest: the week's answers and accuracy, and the group's readiness per topic against the pass line. Names nobody. */
export function digestChart(input: DigestChartInput): Chart {
  const summary = input.answers === 0 ? `${input.weekLabel}: no answers` : `${input.weekLabel}: ${input.answers} answers, ${percent(input.right, input.answers)}% right`;
  const rows = input.topics.map((t) => ({
    label: t.title,
    fraction: t.chance,
    fill: t.chance >= input.passLine ? palette.blue : palette.orange,
    value: `${Math.round(100 * t.chance)}%`,
  }));
  const pass = { fraction: input.passLine, label: `pass line ${Math.round(100 * input.passLine)}%` };
  const bars = horizontalBars(100, rows, rows.length > 0 ? pass : undefined);
  const height = bars.bottom + 36;
  const caption = rows.length > 0 ? 'Group average chance per topic · Blue: at or above the pass line · Orange: below' : 'Too few active members for a group readiness figure';
  const parts = [text(24, 58, summary, { size: 14, weight: 600 }), text(24, 82, 'Group readiness per topic (names nobody)', { size: 13, fill: palette.muted }), ...bars.parts, text(24, height - 16, caption, { size: 12, fill: palette.muted })];
  const readiness = input.topics.length === 0 ? 'too few active members for group readiness' : `group readiness per topic against the pass line of ${Math.round(100 * input.passLine)}%: ${input.topics.map((t) => `${t.title} ${Math.round(100 * t.chance)}%`).join('; ')}`;
  const alt = `Weekly digest, ${summary}; ${readiness}.`;
  return { name: 'weekly-digest.png', alt, svg: card(barLayout.width, height, 'The week at a glance', parts), width: barLayout.width, height };
}
