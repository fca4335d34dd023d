-- The version of each seizure event as the warehouse knows it: the current one (the table
-- seizure_events), or, when the session variable known_on is set, the one known at the end of
-- that day (seizure_events_as_known). The variable is a constant of the query, so only one side
-- is read: without a date this is a scan of seizure_events.
CREATE VIEW seizure_events_known AS
SELECT * FROM seizure_events WHERE getvariable('known_on') IS NULL
UNION ALL BY NAME
SELECT * FROM seizure_events_as_known;
COMMENT ON VIEW seizure_events_known IS 'Seizure events as the warehouse knows them: the current version of each (every version, with when it was loaded and replaced, is in seizure_event_versions), or the version known on a past date when one is chosen.';
