import { horizontalBars, barLayout } from './bars.js';
import { card, palette, text, type Chart } from './svg.js';

export interface ReadinessChartRow {
  title: string;
  /** The chance (0 to 1) of answering an unseen exam question on the topic right; undefined: not enough data yet. */
  readiness: number | undefined;
}

const pct = (n: number): string => `${Math.round(100 * n)}%`;

/** Readiness per topic as bars against the pass line; a topic without enough data is drawn as such. */
export function readinessChart(input: readonly ReadinessChartRow[], passLine: number): Chart {
  const rows = input.map((t) => ({
    label: t.title,
    fraction: t.readiness,
    fill: t.readiness !== undefined && t.readiness >= passLine ? palette.blue : palette.orange,
    value: t.readiness === undefined ? 'not enough data' : `${pct(t.readiness)}${t.readiness >= passLine ? ' ready' : ''}`,
  }));
  const bars = horizontalBars(76, rows, { fraction: passLine, label: `pass line ${pct(passLine)}` });
  const height = bars.bottom + 36;
  const parts = [
    text(24, 58, 'Chance of answering an unseen exam question right, per topic', { size: 13, fill: palette.muted }),
    ...bars.parts,
    text(24, height - 16, 'Blue: at or above the pass line · Orange: below · Dashed box: not enough answers yet', { size: 12, fill: palette.muted }),
  ];
  const alt = `Readiness per topic against the pass line of ${pct(passLine)}: ${input
    .map((t) => `${t.title} ${t.readiness === undefined ? 'not enough data yet' : pct(t.readiness)}`)
    .join('; ')}.`;
  return { name: 'readiness.png', alt, svg: card(barLayout.width, height, 'Readiness per topic', parts), width: barLayout.width, height };
}
