-- The version of each conflict event that pages show: the current one, or the one known on the
-- date of the session variable known_on (version_known).
CREATE VIEW conflict_events AS
SELECT *
FROM conflict_event_versions
WHERE version_known(recorded_at, superseded_at);
COMMENT ON VIEW conflict_events IS 'Conflict events (UCDP GED, ACLED) as the warehouse knows them: one row per event, its current version (every version is in conflict_event_versions), or the version known on a past date when one is chosen.';
