import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, type App } from '../../src/app.js';
import type { Caller } from '../../src/core/commands/spec.js';
import type { Clock } from '../../src/core/time.js';
import { createLogger } from '../../src/log.js';
import { ManualClock } from './clock.js';

export interface TestApp extends App {
  clock: ManualClock | Clock;
  dir: string;
  dbPath: string;
  dispose(): void;
}

/** A real app on a real SQLite file in a fresh temp folder. */
export function createTestApp(options: { clock?: Clock; random?: () => number } = {}): TestApp & { clock: Clock } {
  const dir = mkdtempSync(join(tmpdir(), 'cloudstudy-test-'));
  const dbPath = join(dir, 'test.db');
  const app = createApp({
    databasePath: dbPath,
    clock: options.clock ?? new ManualClock(),
    log: createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'),
    random: options.random,
  });
  return {
    ...app,
    dir,
    dbPath,
    dispose() {
      app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A caller in a community, as an adapter would build one. */
export function caller(user: string, options: { community?: string; platform?: Caller['community']['platform']; admin?: boolean } = {}): Caller {
  return {
    community: { platform: options.platform ?? 'terminal', externalId: options.community ?? 'c1', name: options.community ?? 'c1' },
    userId: user.toLowerCase(),
    displayName: user,
    isAdmin: options.admin ?? false,
    channelId: 'general',
  };
}
