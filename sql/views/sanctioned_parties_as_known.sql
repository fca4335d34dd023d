-- The listed parties as the warehouse knew them at the end of the session's "as known on" date
-- (variable known_on): the version of each party loaded by then and not yet replaced
-- (version_known). Empty when no date is chosen: sanctioned_parties_known then reads the current
-- parties themselves, so the pages' default path scans one table and no version bookkeeping.
CREATE VIEW sanctioned_parties_as_known AS
SELECT * EXCLUDE (recorded_at, superseded_at, superseded_by_load_id)
FROM sanctioned_party_versions
WHERE getvariable('known_on') IS NOT NULL
    AND version_known(recorded_at, superseded_at);
COMMENT ON VIEW sanctioned_parties_as_known IS 'Listed parties as known at the end of the "as known on" date (the version of each loaded by then and not yet replaced), with the columns of sanctioned_parties; empty when no date is chosen.';
