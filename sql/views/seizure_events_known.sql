-- The version of each seizure event as the warehouse knows it: the current one, or the one
-- known on the date of the session variable known_on (version_known).
CREATE VIEW seizure_events_known AS
SELECT *
FROM seizure_event_versions
WHERE version_known(recorded_at, superseded_at);
COMMENT ON VIEW seizure_events_known IS 'Seizure events as the warehouse knows them: the current version of each (every version is in seizure_event_versions), or the version known on a past date when one is chosen.';
