-- The weekly digest, opt-in per daily quiz channel. NULL: off. Otherwise the moment it was
-- turned on: a week whose digest moment came before that is not owed a digest.
ALTER TABLE schedules ADD COLUMN digest_from INTEGER;

-- One row per channel per week, claimed before any platform call, so a digest is posted
-- once per week per channel across restarts and processes (UNIQUE (schedule_id, week)).
CREATE TABLE digests (
  id INTEGER PRIMARY KEY,
  schedule_id INTEGER NOT NULL REFERENCES schedules (id),
  -- The Monday (YYYY-MM-DD, community zone) the digest is posted on; it covers the 7 days before.
  week TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'posted', 'skipped')),
  attempts INTEGER NOT NULL DEFAULT 0,
  lease_until INTEGER,
  retry_at INTEGER,
  -- Past this moment a digest still pending is skipped rather than posted late.
  due_until INTEGER NOT NULL,
  message_ref TEXT,
  last_error TEXT,
  claimed_at INTEGER NOT NULL,
  posted_at INTEGER,
  UNIQUE (schedule_id, week)
);
CREATE INDEX digests_pending ON digests (status) WHERE status = 'pending';
