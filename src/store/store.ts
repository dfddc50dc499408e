import { AnswerHistoryStore } from './answer-history.js';
import { AnswerStore } from './answers.js';
import { CommunityStore } from './communities.js';
import { DailyPostStore } from './daily-posts.js';
import { DigestStore } from './digests.js';
import { DbFileWatch } from './db-file.js';
import type { Db } from './db.js';
import { ExamStore } from './exams.js';
import { PostStore } from './posts.js';
import { ReportStore } from './reports.js';
import { ReviewStore } from './reviews.js';
import { ScheduleStore } from './schedules.js';
import { ScoreStore } from './scores.js';
import { StreakStore } from './streaks.js';
import { DailyReadStore } from './daily-reads.js';

/** Every SQLite repository over one connection, statements prepared once. */
export interface Store {
  db: Db;
  communities: CommunityStore;
  posts: PostStore;
  answers: AnswerStore;
  history: AnswerHistoryStore;
  streaks: StreakStore;
  scores: ScoreStore;
  reviews: ReviewStore;
  schedules: ScheduleStore;
  dailyPosts: DailyPostStore;
  dailyReads: DailyReadStore;
  /**
   * Runs `work` in one IMMEDIATE transaction and returns its result only once the COMMIT
   * succeeded and the database file is still the one opened: the only way to make a write
   * whose result a reply shows. Inside another transaction it is a savepoint of it.
   */
  write<T>(work: () => T): T;
  /** Throws DatabaseFileGone when the file was deleted or replaced under us (checked after each commit). */
  verifyFile(): void;
  exams: ExamStore;
  reports: ReportStore;
  digests: DigestStore;
}

export interface StoreOptions {
  defaultTimeZone?: string;
  /** Told once if the database file is deleted or replaced while running. */
  onFileGone?: (message: string) => void;
}

export function createStore(db: Db, options: StoreOptions = {}): Store {
  const file = new DbFileWatch(db.memory ? ':memory:' : db.name, options.onFileGone ?? (() => undefined));
  return {
    db,
    communities: new CommunityStore(db, options.defaultTimeZone),
    posts: new PostStore(db),
    answers: new AnswerStore(db),
    history: new AnswerHistoryStore(db),
    streaks: new StreakStore(db),
    scores: new ScoreStore(db),
    reviews: new ReviewStore(db),
    schedules: new ScheduleStore(db),
    dailyPosts: new DailyPostStore(db),
    dailyReads: new DailyReadStore(db),
    write(work) {
      const nested = db.inTransaction;
      const result = db.transaction(work).immediate();
      if (!nested) file.verify();
      return result;
    },
    verifyFile: () => file.verify(),
    exams: new ExamStore(db),
    reports: new ReportStore(db),
    digests: new DigestStore(db),
  };
}
