import { card, line, palette, percent, plural, rect, text, type Chart } from './svg.js';

export interface ActivityDay {
  /** The local day, YYYY-MM-DD. */
  day: string;
  answered: number;
  correct: number;
}

/** Where the columns sit. Exported so tests can read the columns back from the PNG. */
export const activityLayout = { width: 640, height: 300, plotX: 56, plotWidth: 560, plotTop: 84, plotHeight: 150 } as const;

/**
 * A member's last days, oldest first: one column per day, its height the answers that day,
 * right answers in blue at the bottom and the others in orange above them.
 */
export function activityChart(days: readonly ActivityDay[]): Chart {
  const { width, height, plotX, plotWidth, plotTop, plotHeight } = activityLayout;
  const answered = days.reduce((n, d) => n + d.answered, 0);
  const correct = days.reduce((n, d) => n + d.correct, 0);
  const active = days.filter((d) => d.answered > 0).length;
  const top = Math.max(1, ...days.map((d) => d.answered));
  const slot = plotWidth / Math.max(1, days.length);
  const barWidth = Math.max(2, Math.floor(slot * 0.7));
  const base = plotTop + plotHeight;
  const parts: string[] = [
    text(24, 58, `${plural(answered, 'answer')} in ${days.length} days · ${percent(correct, answered)}% right · active on ${plural(active, 'day')}`, { size: 13, fill: palette.muted }),
    line(plotX, base, plotX + plotWidth, base, palette.border),
    line(plotX, plotTop, plotX + plotWidth, plotTop, palette.grid, 'stroke-dasharray="3 3"'),
    text(plotX - 8, plotTop + 4, String(top), { size: 12, fill: palette.muted, anchor: 'end' }),
    text(plotX - 8, base + 4, '0', { size: 12, fill: palette.muted, anchor: 'end' }),
  ];
  days.forEach((d, i) => {
    const x = plotX + i * slot + (slot - barWidth) / 2;
    const rightHeight = (plotHeight * d.correct) / top;
    const wrongHeight = (plotHeight * (d.answered - d.correct)) / top;
    parts.push(rect(x, base - rightHeight, barWidth, rightHeight, palette.blue));
    parts.push(rect(x, base - rightHeight - wrongHeight, barWidth, wrongHeight, palette.orange));
  });
  const first = days[0]?.day ?? '';
  const last = days[days.length - 1]?.day ?? '';
  parts.push(text(plotX, base + 18, first, { size: 12, fill: palette.muted }));
  parts.push(text(plotX + plotWidth, base + 18, last, { size: 12, fill: palette.muted, anchor: 'end' }));
  parts.push(rect(24, height - 30, 12, 12, palette.blue), text(42, height - 20, 'right', { size: 12 }));
  parts.push(rect(90, height - 30, 12, 12, palette.orange), text(108, height - 20, 'not right', { size: 12 }));
  parts.push(text(width - 24, height - 20, 'answers per day', { size: 12, fill: palette.muted, anchor: 'end' }));
  const alt = `Answers per day over the last ${days.length} days, ${first} to ${last}: ${plural(answered, 'answer')}, ${percent(correct, answered)}% right, active on ${plural(active, 'day')}.`;
  return { name: 'last-30-days.png', alt, svg: card(width, height, 'Your last 30 days', parts), width, height };
}
