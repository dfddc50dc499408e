import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { createBot, type Bot } from './core/bot.js';
import { commandTable } from './core/commands/table.js';
import { dailyCommand } from './core/commands/daily.js';
import { examCommand } from './core/commands/exam.js';
import type { CoreDeps } from './core/commands/spec.js';
import { loadContentWithSnapshot } from './core/content/snapshot.js';
import { DailyService } from './core/daily/daily-service.js';
import { ExamService } from './core/exam/exam-service.js';
import { studyNextBlocks } from './core/readiness/study-next.js';
import { createLibrary, type Library } from './core/library.js';
import { Quiz } from './core/quiz.js';
import { Streaks } from './core/streaks.js';
import { SwitchableTelemetry } from './core/telemetry.js';
import { systemClock, type Clock } from './core/time.js';
import { openDb } from './store/db.js';
import { createStore, type Store } from './store/store.js';
import { WriteBatch } from './store/write-batch.js';
import type { Logger } from './log.js';

export const projectRoot = join(fileURLToPath(new URL('.', import.meta.url)), '..');
export const defaultContentDir = join(projectRoot, 'content');
export const migrationsDir = join(projectRoot, 'migrations');
/** Written by `npm run build` beside the bundle (dist/); a run from src/ has none and reads the files. */
const contentSnapshotFile = fileURLToPath(new URL('content-snapshot.json', import.meta.url));

export interface AppOptions {
  databasePath: string;
  contentDir?: string;
  /** The zone new communities start in. */
  defaultTimeZone?: string;
  clock?: Clock;
  log: Logger;
  random?: () => number;
}

/** Everything below the adapters: store, content, core. */
export interface App {
  store: Store;
  library: Library;
  deps: CoreDeps;
  bot: Bot;
  /** The daily quiz scheduler; adapters attach their poster, start-up starts it. */
  daily: DailyService;
  /** Practice exams; start-up starts their deadline timer. */
  exams: ExamService;
  clock: Clock;
  log: Logger;
  /** Counts for /metrics; the HTTP modes plug Prometheus in (src/ops/metrics.ts). */
  telemetry: SwitchableTelemetry;
  close(): void;
}

/** The composition root below the adapters. Throws ContentError or StoreError with a readable message. */
export function createApp(options: AppOptions): App {
  const library = createLibrary(loadContentWithSnapshot(options.contentDir ?? defaultContentDir, contentSnapshotFile));
  const db = openDb(options.databasePath, { migrationsDir });
  const store = createStore(db, { defaultTimeZone: options.defaultTimeZone, onFileGone: (message) => options.log.error(message) });
  const clock = options.clock ?? systemClock;
  const streaks = new Streaks(store.streaks);
  const telemetry = new SwitchableTelemetry();
  const daily = new DailyService({ store, library, clock, streaks, log: options.log, random: options.random, telemetry });
  const writes = new WriteBatch(db, () => store.verifyFile());
  const quiz = new Quiz({ store, library, clock, streaks, writes, onDailyAnswer: (post) => daily.onAnswer(post) }, options.random);
  // The report ends with "Study next", which reads the member's readiness from the same deps.
  const exams = new ExamService({ store, library, clock, log: options.log, random: options.random, studyNext: (community, memberId) => studyNextBlocks(deps, community, memberId) });
  const deps: CoreDeps = { store, library, clock, quiz, streaks, exams };
  const bot = createBot(deps, commandTable([examCommand(exams), dailyCommand(daily)]), (error, context) => options.log.error({ err: error, ...context }, 'command failed'), telemetry);
  return {
    store,
    library,
    deps,
    bot,
    daily,
    exams,
    clock,
    log: options.log,
    telemetry,
    close: () => {
      // Timers only; a caller that wants in-flight posts finished awaits daily.stop() first.
      void daily.stop();
      exams.stop();
      if (db.open) {
        // Answers waiting for their group commit land before the file closes.
        writes.flush();
        db.close();
      }
    },
  };
}
