import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Reply } from '../../core/reply.js';
import { renderPng } from '../chart-png.js';

let written = 0;

/**
 * Writes each chart of a reply as a PNG file in `dir` and returns its absolute path by chart
 * name. A chart that cannot be written is left out: the reply's text still has its numbers.
 * Names carry the time and a counter, so a later chart never overwrites one still being looked at.
 */
export async function writeCharts(reply: Reply, dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const block of reply.blocks) {
    if (block.type !== 'image') continue;
    try {
      mkdirSync(dir, { recursive: true });
      written += 1;
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      const path = resolve(join(dir, `${stamp}-${written}-${block.name}`));
      writeFileSync(path, await renderPng(block.svg));
      files.set(block.name, path);
    } catch {
      // Reported in the text ("could not be drawn"); the numbers are there anyway.
    }
  }
  return files;
}
