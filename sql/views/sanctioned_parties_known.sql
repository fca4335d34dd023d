-- The version of each listed party as the warehouse knows it: the current one (the table
-- sanctioned_parties), or, when the session variable known_on is set, the one known at the end
-- of that day (sanctioned_parties_as_known). The variable is a constant of the query, so only
-- one side is read: without a date this is a scan of sanctioned_parties.
CREATE VIEW sanctioned_parties_known AS
SELECT * FROM sanctioned_parties WHERE getvariable('known_on') IS NULL
UNION ALL BY NAME
SELECT * FROM sanctioned_parties_as_known;
COMMENT ON VIEW sanctioned_parties_known IS 'Listed parties as the warehouse knows them: the current version of each (every version, with when it was loaded and replaced, is in sanctioned_party_versions), or the version known on a past date when one is chosen; a party listed by a list loaded after that date is left out.';
