import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { topOfHour } from './top-of-hour-phase.js';

/**
 * The bench's top-of-hour phase alone: `npm run build && npx tsx bench/top-of-hour.ts
 * [communities=10000] [requests per second=500] [next-minute|started]`.
 */
const communities = Number(process.argv[2] ?? 10_000);
const rate = Number(process.argv[3] ?? 500);
const due = process.argv[4] === 'started' ? 'started' : 'next-minute';
const dir = mkdtempSync(join(tmpdir(), 'cloudstudy-top-of-hour-'));
try {
  process.stdout.write(`${JSON.stringify(await topOfHour(dir, communities, rate, due), null, 2)}\n`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
