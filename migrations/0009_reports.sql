-- Members report a quiz item they think is wrong. Reports belong to a community: two open
-- reports from different members of a community withhold the item there (every picker asks
-- src/store/reports.ts) until an admin dismisses them, which stamps dismissed_at.
CREATE TABLE reports (
  id INTEGER PRIMARY KEY,
  community_id INTEGER NOT NULL REFERENCES communities (id),
  item_id TEXT NOT NULL,
  member_id INTEGER NOT NULL REFERENCES members (id),
  text TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 500),
  created_at INTEGER NOT NULL,
  dismissed_at INTEGER
);
-- One open report per member per item: reporting again replaces the text.
CREATE UNIQUE INDEX reports_open_member ON reports (community_id, item_id, member_id) WHERE dismissed_at IS NULL;
