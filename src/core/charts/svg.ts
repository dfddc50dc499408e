/**
 * SVG as plain strings, for the charts. Every piece of text passes through `escapeXml`, so a
 * topic title or a choice with `<`, `&` or quotes can never break the picture.
 */

/** A picture for a Reply: the SVG, its file name, and alt text carrying the same numbers. */
export interface Chart {
  /** File name for the PNG, e.g. "reveal.png": letters, digits, '-' and '.'. */
  name: string;
  alt: string;
  svg: string;
  width: number;
  height: number;
}

/**
 * Okabe–Ito blue and orange on a white card: told apart by every common form of colour
 * blindness, never red against green, and the card keeps them readable on Discord's dark and
 * light themes alike. Each bar also carries a text label, so colour is never the only cue.
 */
export const palette = {
  card: '#ffffff',
  border: '#d0d7de',
  text: '#1f2328',
  muted: '#57606a',
  grid: '#e6e9ed',
  blue: '#0072b2',
  orange: '#e69f00',
  none: '#b8c0c8',
  passLine: '#1f2328',
} as const;

export const font = 'Inter';

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] ?? c);
}

const num = (n: number): string => String(Math.round(n * 10) / 10);

export interface TextOptions {
  size?: number;
  weight?: 400 | 600;
  fill?: string;
  anchor?: 'start' | 'middle' | 'end';
}

export function text(x: number, y: number, content: string, o: TextOptions = {}): string {
  const anchor = o.anchor && o.anchor !== 'start' ? ` text-anchor="${o.anchor}"` : '';
  return `<text x="${num(x)}" y="${num(y)}" font-family="${font}" font-size="${o.size ?? 14}" font-weight="${o.weight ?? 400}" fill="${o.fill ?? palette.text}"${anchor}>${escapeXml(content)}</text>`;
}

export function rect(x: number, y: number, width: number, height: number, fill: string, extra = ''): string {
  return `<rect x="${num(x)}" y="${num(y)}" width="${num(Math.max(0, width))}" height="${num(Math.max(0, height))}" fill="${fill}"${extra ? ` ${extra}` : ''}/>`;
}

export function line(x1: number, y1: number, x2: number, y2: number, stroke: string, extra = ''): string {
  return `<line x1="${num(x1)}" y1="${num(y1)}" x2="${num(x2)}" y2="${num(y2)}" stroke="${stroke}"${extra ? ` ${extra}` : ''}/>`;
}

/** The whole picture: a solid rounded card with a title, then the chart's own parts. */
export function card(width: number, height: number, title: string, parts: readonly string[]): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    `<rect x="0.5" y="0.5" width="${width - 1}" height="${height - 1}" rx="12" fill="${palette.card}" stroke="${palette.border}"/>`,
    text(24, 36, clipText(title, 70), { size: 18, weight: 600 }),
    ...parts,
    '</svg>',
  ].join('\n');
}

/** Long titles and labels are cut with an ellipsis so they never run off the card. */
export function clipText(value: string, max: number): string {
  const flat = value.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

export function percent(part: number, whole: number): number {
  return whole <= 0 ? 0 : Math.round((100 * part) / whole);
}

/** "1 answer", "3 answers". */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
