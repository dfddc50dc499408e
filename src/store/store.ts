import { AnswerStore } from './answers.js';
import { CommunityStore } from './communities.js';
import { DailyPostStore } from './daily-posts.js';
import type { Db } from './db.js';
import { PostStore } from './posts.js';
import { ReviewStore } from './reviews.js';
import { ScheduleStore } from './schedules.js';
import { ScoreStore } from './scores.js';

/** Every SQLite repository over one connection, statements prepared once. */
export interface Store {
  db: Db;
  communities: CommunityStore;
  posts: PostStore;
  answers: AnswerStore;
  scores: ScoreStore;
  reviews: ReviewStore;
  schedules: ScheduleStore;
  dailyPosts: DailyPostStore;
}

export function createStore(db: Db, options: { defaultTimeZone?: string } = {}): Store {
  return {
    db,
    communities: new CommunityStore(db, options.defaultTimeZone),
    posts: new PostStore(db),
    answers: new AnswerStore(db),
    scores: new ScoreStore(db),
    reviews: new ReviewStore(db),
    schedules: new ScheduleStore(db),
    dailyPosts: new DailyPostStore(db),
  };
}
