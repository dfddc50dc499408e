import { clipText, line, palette, rect, text } from './svg.js';

/** One horizontal bar: a share from 0 to 1, or undefined when there is nothing to measure yet. */
export interface BarRow {
  label: string;
  fraction: number | undefined;
  fill: string;
  /** What the bar says beside it, with the numbers: "58% (7)", "not enough data yet". */
  value: string;
}

/** Where the bars sit on a 640-wide card. Exported so tests can read bars back from the PNG. */
export const barLayout = { labelX: 24, barX: 232, barWidth: 280, valueX: 522, rowHeight: 34, barHeight: 20, width: 640 } as const;

export interface BarSection {
  parts: string[];
  /** y just below the section. */
  bottom: number;
}

/**
 * Labelled horizontal bars, one per row, from `top`; with a pass line (a share from 0 to 1)
 * drawn across them when given. A row without a value is an empty outlined box, so "not
 * measured yet" never looks like zero.
 */
export function horizontalBars(top: number, rows: readonly BarRow[], pass?: { fraction: number; label: string }): BarSection {
  const { labelX, barX, barWidth, valueX, rowHeight, barHeight } = barLayout;
  const parts: string[] = [];
  rows.forEach((row, i) => {
    const y = top + i * rowHeight;
    parts.push(text(labelX, y + barHeight - 5, clipText(row.label, 26), { size: 13 }));
    parts.push(rect(barX, y, barWidth, barHeight, palette.grid));
    if (row.fraction === undefined) {
      parts.push(rect(barX + 1, y + 1, barWidth - 2, barHeight - 2, 'none', `stroke="${palette.none}" stroke-dasharray="4 3"`));
    } else {
      parts.push(rect(barX, y, barWidth * clamp01(row.fraction), barHeight, row.fill));
    }
    parts.push(text(valueX, y + barHeight - 5, clipText(row.value, 16), { size: 13, weight: 600, fill: row.fraction === undefined ? palette.muted : palette.text }));
  });
  const bottom = top + rows.length * rowHeight;
  if (pass) {
    const x = barX + barWidth * clamp01(pass.fraction);
    parts.push(line(x, top - 6, x, bottom - rowHeight + barHeight + 6, palette.passLine, 'stroke-width="2" stroke-dasharray="5 3"'));
    parts.push(text(x, bottom + 8, pass.label, { size: 12, fill: palette.muted, anchor: 'middle' }));
  }
  return { parts, bottom: bottom + (pass ? 16 : 0) };
}

export function clamp01(n: number): number {
  return Number.isFinite(n) ? Math.min(1, Math.max(0, n)) : 0;
}
