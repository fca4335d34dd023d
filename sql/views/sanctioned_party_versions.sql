-- Every version of every listed party: the current ones (sanctioned_parties) and the earlier
-- ones (sanctioned_party_earlier_versions), each with when it entered the warehouse (its load's
-- recorded_at) and, for an earlier one, when a more recent list replaced it.
CREATE VIEW sanctioned_party_versions AS
SELECT p.*, l.recorded_at, CAST(NULL AS TIMESTAMP) AS superseded_at,
    CAST(NULL AS VARCHAR) AS superseded_by_load_id
FROM sanctioned_parties AS p
LEFT JOIN load_log AS l ON l.load_id = p.load_id
UNION ALL BY NAME
SELECT h.* EXCLUDE (names), l.recorded_at
FROM sanctioned_party_earlier_versions AS h
LEFT JOIN load_log AS l ON l.load_id = h.load_id;
COMMENT ON VIEW sanctioned_party_versions IS 'Every version of every listed party, current (superseded_at empty) or earlier, with when it entered the warehouse (recorded_at) and when a more recent list replaced it; version_known(recorded_at, superseded_at) picks the one known on a date.';
COMMENT ON COLUMN sanctioned_party_versions.recorded_at IS 'When the version entered the warehouse (UTC, its load''s recorded_at): "as known on" a date compares it.';
