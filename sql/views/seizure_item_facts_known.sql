-- The seizure item facts the pages read: the stored copy (seizure_item_facts_stored), or, when an
-- "as known on" date is chosen (session variable known_on), the facts of the versions known then
-- (seizure_item_facts_as_known). The variable is a constant of the query: only one side is read.
CREATE VIEW seizure_item_facts_known AS
SELECT * FROM seizure_item_facts_stored WHERE getvariable('known_on') IS NULL
UNION ALL BY NAME
SELECT * FROM seizure_item_facts_as_known;
COMMENT ON VIEW seizure_item_facts_known IS 'Each documented item line with its event, as the warehouse knows it: the stored seizure_item_facts_stored, or, with an "as known on" date, the facts of the versions known then (same columns).';
