-- The version of each brokering decision that the pages and the screening read: the current one,
-- or the one known on the date of the session variable known_on (version_known).
CREATE VIEW brokering_records AS
SELECT *
FROM brokering_record_versions
WHERE version_known(recorded_at, superseded_at);
COMMENT ON VIEW brokering_records IS 'Brokering decisions as the warehouse knows them: one row per decision (issued, refused, revoked) on a licence of a reporting State, its current version (every version is in brokering_record_versions), or the version known on a past date when one is chosen.';
