-- The seizure events as the warehouse knew them at the end of the session's "as known on" date
-- (variable known_on): the version of each event loaded by then and not yet replaced
-- (version_known). Empty when no date is chosen: seizure_events_known then reads the current
-- events themselves, so the pages' default path scans one table and no version bookkeeping.
CREATE VIEW seizure_events_as_known AS
SELECT * EXCLUDE (recorded_at, superseded_at, superseded_by_load_id)
FROM seizure_event_versions
WHERE getvariable('known_on') IS NOT NULL
    AND version_known(recorded_at, superseded_at);
COMMENT ON VIEW seizure_events_as_known IS 'Seizure events as known at the end of the "as known on" date (the version of each loaded by then and not yet replaced), with the columns of seizure_events; empty when no date is chosen.';
