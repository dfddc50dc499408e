import { PNG } from 'pngjs';

export interface Region {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** Decodes PNG bytes (pngjs), failing the test on anything that is not a valid PNG. */
export function decodePng(bytes: Uint8Array): PNG {
  return PNG.sync.read(Buffer.from(bytes));
}

function matches(png: PNG, x: number, y: number, hex: string): boolean {
  const i = (png.width * y + x) * 4;
  const want = [1, 3, 5].map((k) => parseInt(hex.slice(k, k + 2), 16));
  // Exact within a small tolerance: anti-aliased edges blend with the background and do not count.
  return want.every((v, k) => Math.abs((png.data[i + k] ?? -999) - v) <= 6) && (png.data[i + 3] ?? 0) > 250;
}

/**
 * Horizontal bars of one colour, top to bottom: each group of consecutive rows holding that
 * colour is one bar, and its length is the most pixels of the colour in any of its rows.
 */
export function horizontalBarLengths(png: PNG, hex: string, region: Region = { x0: 0, y0: 0, x1: png.width, y1: png.height }): number[] {
  const perRow: number[] = [];
  for (let y = region.y0; y < region.y1; y++) {
    let n = 0;
    for (let x = region.x0; x < region.x1; x++) if (matches(png, x, y, hex)) n++;
    perRow.push(n);
  }
  return groups(perRow);
}

/** Vertical bars (columns) of any of the colours, left to right, each as its height in pixels. */
export function columnHeights(png: PNG, hex: string | readonly string[], region: Region = { x0: 0, y0: 0, x1: png.width, y1: png.height }): number[] {
  const perColumn: number[] = [];
  for (let x = region.x0; x < region.x1; x++) {
    let n = 0;
    for (let y = region.y0; y < region.y1; y++) if ((typeof hex === 'string' ? [hex] : hex).some((c) => matches(png, x, y, c))) n++;
    perColumn.push(n);
  }
  return groups(perColumn);
}

function groups(counts: readonly number[]): number[] {
  const out: number[] = [];
  let current = 0;
  for (const n of [...counts, 0]) {
    if (n > 0) current = Math.max(current, n);
    else if (current > 0) {
      out.push(current);
      current = 0;
    }
  }
  return out;
}
