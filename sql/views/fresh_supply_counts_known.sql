-- The fresh-supply items counted per classification, embargo, country, year and kind, as the pages
-- read them: the stored fresh_supply_counts, or, when an "as known on" date is chosen (session
-- variable known_on), computed from the seizure versions known then
-- (fresh_supply_counts_as_known). The variable is a constant of the query: only one side is read.
CREATE VIEW fresh_supply_counts_known AS
SELECT * FROM fresh_supply_counts WHERE getvariable('known_on') IS NULL
UNION ALL BY NAME
SELECT * FROM fresh_supply_counts_as_known;
COMMENT ON VIEW fresh_supply_counts_known IS 'The fresh-supply items counted per classification, embargo, country, year and kind, as the warehouse knows them: the stored fresh_supply_counts, or, with an "as known on" date, computed from the seizure versions known then.';
