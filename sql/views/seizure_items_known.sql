-- The version of each seizure item line as the warehouse knows it: the current one (the table
-- seizure_items), or, when the session variable known_on is set, the one known at the end of
-- that day (seizure_items_as_known). The variable is a constant of the query, so only one side
-- is read: without a date this is a scan of seizure_items.
CREATE VIEW seizure_items_known AS
SELECT * FROM seizure_items WHERE getvariable('known_on') IS NULL
UNION ALL BY NAME
SELECT * FROM seizure_items_as_known;
COMMENT ON VIEW seizure_items_known IS 'Seizure item lines as the warehouse knows them: the current version of each (every version, with when it was loaded and replaced, is in seizure_item_versions), or the version known on a past date when one is chosen.';
