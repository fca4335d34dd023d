-- Every version of every seizure item line: the current ones (seizure_items) and the earlier
-- ones (seizure_item_earlier_versions), each with when it entered the warehouse (its load's
-- recorded_at) and, for an earlier one, when it was replaced.
CREATE VIEW seizure_item_versions AS
SELECT i.*, l.recorded_at, CAST(NULL AS TIMESTAMP) AS superseded_at,
    CAST(NULL AS VARCHAR) AS superseded_by_load_id
FROM seizure_items AS i
LEFT JOIN load_log AS l ON l.load_id = i.load_id
UNION ALL BY NAME
SELECT h.*, l.recorded_at
FROM seizure_item_earlier_versions AS h
LEFT JOIN load_log AS l ON l.load_id = h.load_id;
COMMENT ON VIEW seizure_item_versions IS 'Every version of every seizure item line, current (superseded_at empty) or earlier, with when it entered the warehouse (recorded_at) and when a later version replaced it.';
COMMENT ON COLUMN seizure_item_versions.recorded_at IS 'When the version entered the warehouse (UTC, its load''s recorded_at): "as known on" a date compares it.';
