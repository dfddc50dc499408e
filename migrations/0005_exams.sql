-- Practice exams (/exam): a member's timed exam in the real exam's form. Like every
-- community-owned row, each carries community_id and every query filters on it.
CREATE TABLE exams (
  id INTEGER PRIMARY KEY,
  community_id INTEGER NOT NULL REFERENCES communities (id),
  member_id INTEGER NOT NULL REFERENCES members (id),
  started_at INTEGER NOT NULL,
  deadline INTEGER NOT NULL,
  -- Set once, by the member's submit, a press after the deadline, or the exam timer.
  submitted_at INTEGER,
  -- When the member was first shown the score report: an exam the timer submitted is
  -- reported at the member's next /exam.
  reported_at INTEGER
);
-- One exam in progress per member.
CREATE UNIQUE INDEX exams_in_progress ON exams (community_id, member_id) WHERE submitted_at IS NULL;
-- The exam timer's next deadline, and its catch-up after downtime.
CREATE INDEX exams_deadline ON exams (deadline) WHERE submitted_at IS NULL;
CREATE INDEX exams_member ON exams (community_id, member_id, submitted_at);

-- An exam's questions in order, with the member's current choice and flag. `correct` is
-- set at submission (unanswered counts as wrong).
CREATE TABLE exam_questions (
  exam_id INTEGER NOT NULL REFERENCES exams (id),
  community_id INTEGER NOT NULL REFERENCES communities (id),
  position INTEGER NOT NULL,
  item_id TEXT NOT NULL,
  topic_id TEXT NOT NULL,
  -- Chosen indexes joined by '+' ('0', '1+3'); NULL while unanswered.
  choices TEXT,
  flagged INTEGER NOT NULL DEFAULT 0,
  correct INTEGER,
  PRIMARY KEY (exam_id, position)
) WITHOUT ROWID;
