-- The version of each seizure item line as the warehouse knows it: the current one, or the one
-- known on the date of the session variable known_on (version_known).
CREATE VIEW seizure_items_known AS
SELECT *
FROM seizure_item_versions
WHERE version_known(recorded_at, superseded_at);
COMMENT ON VIEW seizure_items_known IS 'Seizure item lines as the warehouse knows them: the current version of each (every version is in seizure_item_versions), or the version known on a past date when one is chosen.';
