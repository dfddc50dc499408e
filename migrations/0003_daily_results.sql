-- A daily post's answers reach the leaderboard, streaks and review queues once, when the
-- post closes (see src/core/daily/daily-results.ts): this records that it happened.
ALTER TABLE posts ADD COLUMN scored_at INTEGER;
-- Until now answers scored as they came in; posts from then are already counted.
UPDATE posts SET scored_at = created_at WHERE kind = 'daily';
CREATE INDEX posts_unscored ON posts (status) WHERE kind = 'daily' AND scored_at IS NULL;
