import { Writable } from 'node:stream';
import pino from 'pino';
import type { Logger } from '../../src/log.js';

export interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

/** pino levels by name, for readable assertions. */
export const level = { debug: 20, info: 30, warn: 40, error: 50, fatal: 60 } as const;

/** A real pino logger whose lines a test can read back. */
export function captureLogs(): { log: Logger; lines: LogLine[]; at(levelName: keyof typeof level): LogLine[] } {
  const lines: LogLine[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim() !== '') lines.push(JSON.parse(line) as LogLine);
      done();
    },
  });
  const log = pino({ level: 'debug' }, sink);
  return { log, lines, at: (name) => lines.filter((l) => l.level === level[name]) };
}
