import nodeModule from 'node:module';
import { Worker } from 'node:worker_threads';
import type { ResvgRenderOptions } from '@resvg/resvg-js';

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

/**
 * resvg-js 2.6 never frees the memory of a rendered image (about 1 MB for a chart) while its
 * thread lives: its issue #216. Freed when the thread ends, so charts are drawn in a worker
 * thread that is replaced after a few charts, and ended when idle. The next worker is started
 * half-way through, so no chart waits for one to start.
 */
const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const { Resvg } = require(workerData.resvg);
parentPort.on('message', ({ id, svg }) => {
  try {
    const png = new Resvg(svg, workerData.options).render().asPng();
    parentPort.postMessage({ id, png: new Uint8Array(png) });
  } catch (error) {
    parentPort.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
`;

/** Charts per worker: at most this many MB held before the thread ends and gives it back. */
const chartsPerWorker = 16;
const idleMs = 30_000;

interface Pending {
  resolve(png: Uint8Array): void;
  reject(error: Error): void;
}

class RenderWorker {
  readonly worker: Worker;
  readonly pending = new Map<number, Pending>();
  renders = 0;
  retired = false;

  constructor() {
    this.worker = new Worker(workerSource, { eval: true, workerData: { resvg: load.resolve('@resvg/resvg-js'), options } });
    // An idle worker never keeps the process alive; one with a chart in progress does.
    this.worker.unref();
    this.worker.on('message', (m: { id: number; png?: Uint8Array; error?: string }) => {
      const waiting = this.pending.get(m.id);
      this.pending.delete(m.id);
      if (m.png) waiting?.resolve(m.png);
      else waiting?.reject(new Error(`drawing a chart failed: ${m.error ?? 'unknown error'}`));
      this.settled();
    });
    this.worker.on('error', (error) => this.fail(error));
    this.worker.on('exit', () => this.fail(new Error('the chart worker stopped')));
  }

  draw(id: number, svg: string): Promise<Uint8Array> {
    this.renders += 1;
    if (this.pending.size === 0) this.worker.ref();
    const result = new Promise<Uint8Array>((resolve, reject) => this.pending.set(id, { resolve, reject }));
    this.worker.postMessage({ id, svg });
    return result;
  }

  retire(): void {
    this.retired = true;
    this.settled();
  }

  private settled(): void {
    if (this.pending.size > 0) return;
    this.worker.unref();
    if (this.retired) void this.worker.terminate();
  }

  private fail(error: Error): void {
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
    this.retired = true;
  }
}

let current: RenderWorker | undefined;
let next: RenderWorker | undefined;
let sequence = 0;
let idle: NodeJS.Timeout | undefined;

/** Draws a chart's SVG to PNG bytes, off the main thread. resvg loads with the first chart. */
export function renderPng(svg: string): Promise<Uint8Array> {
  if (!current || current.retired) {
    current = next && !next.retired ? next : new RenderWorker();
    next = undefined;
  }
  const worker = current;
  const png = worker.draw(++sequence, svg);
  if (worker.renders === chartsPerWorker / 2) next ??= new RenderWorker();
  if (worker.renders >= chartsPerWorker) worker.retire();
  clearTimeout(idle);
  idle = setTimeout(stopChartWorkers, idleMs).unref();
  return png;
}

/** Ends the chart workers once their charts are done (idle, or shutting down). */
export function stopChartWorkers(): void {
  current?.retire();
  next?.retire();
  current = undefined;
  next = undefined;
}
