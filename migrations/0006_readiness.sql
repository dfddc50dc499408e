-- Readiness reads a member's whole history on every /readiness, /stats and review session.
-- With every column it reads in the index, one member's answers sit together on a few index
-- pages instead of one table page each. It replaces answers_member_topic: the per-topic
-- accuracy and practice-picking queries filter on member_id too and are served by it.
DROP INDEX answers_member_topic;
CREATE INDEX answers_member_history ON answers (member_id, answered_at, community_id, item_id, topic_id, correct, kind);

-- /readiness group looks for the members who answered anything in the last 14 days: a range
-- over this index instead of every answer the community ever gave.
CREATE INDEX answers_community_time ON answers (community_id, answered_at, member_id);
