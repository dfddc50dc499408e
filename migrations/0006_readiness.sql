-- /readiness group looks for the members who answered anything in the last 14 days: a range
-- over this index instead of every answer the community ever gave.
CREATE INDEX answers_community_time ON answers (community_id, answered_at, member_id);
