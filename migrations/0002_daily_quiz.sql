-- The daily quiz's bookkeeping: what the scheduler needs to post exactly once, retry with
-- backoff across restarts, and reveal each post once.

-- A removed schedule keeps its row (and so its id), so a channel keeps one schedule id for
-- life and UNIQUE (schedule_id, local_day) on posts means once per channel per local day,
-- even when a schedule is removed and set again on the same day.
ALTER TABLE schedules ADD COLUMN removed INTEGER NOT NULL DEFAULT 0;
-- Scheduled moments before this instant are not owed a post: a new, changed or resumed
-- schedule starts with its next scheduled moment instead of catching up on the past.
ALTER TABLE schedules ADD COLUMN active_from INTEGER NOT NULL DEFAULT 0;

-- Platform calls made for the post so far: while pending, attempts > 0 means an earlier
-- call may have reached the platform; after it opens, it counts reveal attempts.
ALTER TABLE posts ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
-- When the next platform call may be tried (backoff after a failure).
ALTER TABLE posts ADD COLUMN retry_at INTEGER;
ALTER TABLE posts ADD COLUMN last_error TEXT;
-- Set once the closed post shows its answer (or when there is nothing to reveal).
ALTER TABLE posts ADD COLUMN revealed_at INTEGER;
-- The answer count the public post last showed, and when, for throttled count edits.
ALTER TABLE posts ADD COLUMN count_shown INTEGER NOT NULL DEFAULT 0;
ALTER TABLE posts ADD COLUMN count_edited_at INTEGER;

-- Rotation weighs topics by how often the community gets them wrong.
CREATE INDEX answers_community_topic ON answers (community_id, topic_id, correct);
CREATE INDEX posts_schedule ON posts (schedule_id, id) WHERE schedule_id IS NOT NULL;
