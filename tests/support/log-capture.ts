import { EventEmitter } from 'node:events';
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

export interface CapturedLogs {
  log: Logger;
  lines: LogLine[];
  at(levelName: keyof typeof level): LogLine[];
  /** Resolves with the first line (already written or still to come) that matches. */
  find(match: (line: LogLine) => boolean, what: string): Promise<LogLine>;
}

/** A real pino logger whose lines a test can read back. */
export function captureLogs(): CapturedLogs {
  const lines: LogLine[] = [];
  const events = new EventEmitter();
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const text of chunk.toString('utf8').split('\n')) {
        if (text.trim() === '') continue;
        const line = JSON.parse(text) as LogLine;
        lines.push(line);
        events.emit('line', line);
      }
      done();
    },
  });
  const log = pino({ level: 'debug' }, sink);
  return {
    log,
    lines,
    at: (name) => lines.filter((l) => l.level === level[name]),
    find(match, what) {
      const found = lines.find(match);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        // A safety net so a broken test fails with a reason instead of hanging; not a timing assertion.
        const timer = setTimeout(() => {
          events.off('line', onLine);
          reject(new Error(`no log line for ${what}`));
        }, 10_000);
        const onLine = (line: LogLine): void => {
          if (!match(line)) return;
          clearTimeout(timer);
          events.off('line', onLine);
          resolve(line);
        };
        events.on('line', onLine);
      });
    },
  };
}
