import nodeModule from 'node:module';
import type { Resvg as ResvgClass, ResvgRenderOptions } from '@resvg/resvg-js';

// Not `createRequire`/`require` by name: the bundle's banner declares both at the top of every chunk.
const load = nodeModule.createRequire(import.meta.url);

/** The font files every chart is drawn with, from the @expo-google-fonts/inter package (OFL). */
export const chartFontFiles = ['400Regular/Inter_400Regular.ttf', '600SemiBold/Inter_600SemiBold.ttf'].map((f) => load.resolve(`@expo-google-fonts/inter/${f}`));

const options: ResvgRenderOptions = {
  // Only the shipped font: every machine draws the same picture, and scanning the system's fonts costs time.
  font: { loadSystemFonts: false, fontFiles: chartFontFiles, defaultFontFamily: 'Inter', sansSerifFamily: 'Inter' },
  // At the SVG's own size (640 px wide): Discord shows an embed's image at most about 400 px
  // wide, so more pixels would only cost render time (roughly 4 times as much at zoom 2).
  logLevel: 'off',
};

let Resvg: typeof ResvgClass | undefined;

/**
 * Renders a chart's SVG to PNG bytes. resvg (a native addon) loads on the first chart, so a
 * bot that never draws one never pays for it.
 */
export function renderPng(svg: string): Uint8Array {
  Resvg ??= (load('@resvg/resvg-js') as { Resvg: typeof ResvgClass }).Resvg;
  return new Resvg(svg, options).render().asPng();
}
