-- Every version of every seizure event: the current ones (seizure_events) and the earlier ones
-- (seizure_event_earlier_versions), each with when it entered the warehouse (its load's
-- recorded_at) and, for an earlier one, when it was replaced.
CREATE VIEW seizure_event_versions AS
SELECT e.*, l.recorded_at, CAST(NULL AS TIMESTAMP) AS superseded_at,
    CAST(NULL AS VARCHAR) AS superseded_by_load_id
FROM seizure_events AS e
LEFT JOIN load_log AS l ON l.load_id = e.load_id
UNION ALL BY NAME
SELECT h.*, l.recorded_at
FROM seizure_event_earlier_versions AS h
LEFT JOIN load_log AS l ON l.load_id = h.load_id;
COMMENT ON VIEW seizure_event_versions IS 'Every version of every seizure event, current (superseded_at empty) or earlier, with when it entered the warehouse (recorded_at) and when a later version replaced it.';
COMMENT ON COLUMN seizure_event_versions.recorded_at IS 'When the version entered the warehouse (UTC, its load''s recorded_at): "as known on" a date compares it.';
