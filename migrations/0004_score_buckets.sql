-- How many members of a community hold each points total, per period. A member's rank is
-- one plus the members in higher buckets: a sum over a few hundred rows, where counting
-- every member above them walked up to the whole community. Kept by daily-results.ts, the
-- only writer of scores.
CREATE TABLE score_buckets (
  community_id INTEGER NOT NULL,
  period TEXT NOT NULL,
  points INTEGER NOT NULL,
  members INTEGER NOT NULL,
  PRIMARY KEY (community_id, period, points)
) WITHOUT ROWID;
INSERT INTO score_buckets (community_id, period, points, members)
SELECT community_id, period, points, count(*) FROM scores GROUP BY community_id, period, points;
