-- The first schema. Every row that belongs to a community carries community_id, and every
-- query filters on it: no query crosses communities. Times are UTC epoch milliseconds.

CREATE TABLE communities (
  id INTEGER PRIMARY KEY,
  platform TEXT NOT NULL,
  external_id TEXT NOT NULL,
  name TEXT NOT NULL DEFAULT '',
  time_zone TEXT NOT NULL DEFAULT 'UTC',
  reveal_names INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL,
  UNIQUE (platform, external_id)
);

CREATE TABLE members (
  id INTEGER PRIMARY KEY,
  community_id INTEGER NOT NULL REFERENCES communities (id),
  external_id TEXT NOT NULL,
  display_name TEXT NOT NULL,
  streak_current INTEGER NOT NULL DEFAULT 0,
  streak_best INTEGER NOT NULL DEFAULT 0,
  streak_last_day TEXT,
  created_at INTEGER NOT NULL,
  UNIQUE (community_id, external_id)
);

-- A channel's daily quiz: a local time, an IANA zone and ISO weekdays (1 = Monday).
CREATE TABLE schedules (
  id INTEGER PRIMARY KEY,
  community_id INTEGER NOT NULL REFERENCES communities (id),
  channel_id TEXT NOT NULL,
  channel_name TEXT NOT NULL DEFAULT '',
  local_time TEXT NOT NULL,
  time_zone TEXT NOT NULL,
  days TEXT NOT NULL,
  close_after_minutes INTEGER,
  paused INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE (community_id, channel_id)
);

-- A quiz item put in front of people: a daily post in a channel, or a practice or review
-- question for one member. Buttons carry the post id; answers hang off it.
CREATE TABLE posts (
  id INTEGER PRIMARY KEY,
  community_id INTEGER NOT NULL REFERENCES communities (id),
  kind TEXT NOT NULL CHECK (kind IN ('daily', 'practice', 'review')),
  item_id TEXT NOT NULL,
  member_id INTEGER REFERENCES members (id),
  schedule_id INTEGER REFERENCES schedules (id),
  channel_id TEXT,
  local_day TEXT,
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('pending', 'open', 'closed')),
  message_ref TEXT,
  opens_at INTEGER NOT NULL,
  closes_at INTEGER,
  answer_count INTEGER NOT NULL DEFAULT 0,
  correct_count INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  UNIQUE (schedule_id, local_day)
);
CREATE INDEX posts_daily_status ON posts (status, closes_at) WHERE kind = 'daily';
CREATE INDEX posts_member ON posts (member_id, created_at) WHERE member_id IS NOT NULL;
CREATE INDEX posts_daily_day ON posts (community_id, local_day) WHERE kind = 'daily';

-- One answer per member per post: the first one counts.
CREATE TABLE answers (
  id INTEGER PRIMARY KEY,
  community_id INTEGER NOT NULL REFERENCES communities (id),
  post_id INTEGER NOT NULL REFERENCES posts (id),
  member_id INTEGER NOT NULL REFERENCES members (id),
  item_id TEXT NOT NULL,
  topic_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  choices TEXT NOT NULL,
  correct INTEGER NOT NULL,
  points INTEGER NOT NULL,
  answered_at INTEGER NOT NULL,
  UNIQUE (post_id, member_id)
);
CREATE INDEX answers_member_topic ON answers (member_id, topic_id);

-- Leaderboard aggregates kept on write, one row per member per period
-- ('all', 'w:<monday>', 'm:<yyyy-mm>' in the community's time zone).
CREATE TABLE scores (
  community_id INTEGER NOT NULL,
  period TEXT NOT NULL,
  member_id INTEGER NOT NULL,
  points INTEGER NOT NULL DEFAULT 0,
  answered INTEGER NOT NULL DEFAULT 0,
  correct INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (community_id, period, member_id)
) WITHOUT ROWID;
CREATE INDEX scores_rank ON scores (community_id, period, points DESC, correct DESC, member_id);

-- Spaced review (FSRS): one card per member per quiz item.
CREATE TABLE review_cards (
  member_id INTEGER NOT NULL REFERENCES members (id),
  item_id TEXT NOT NULL,
  community_id INTEGER NOT NULL REFERENCES communities (id),
  due INTEGER NOT NULL,
  card TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (member_id, item_id)
);
CREATE INDEX review_cards_due ON review_cards (member_id, due);
