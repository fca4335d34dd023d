-- The distinct markings, lot numbers and headstamps per classification, as the pages read them:
-- the stored seizure_item_search_keys, or, when an "as known on" date is chosen (session variable
-- known_on), computed from the seizure versions known then (seizure_item_search_keys_as_known).
-- The variable is a constant of the query: only one side is read.
CREATE VIEW seizure_item_search_keys_known AS
SELECT * FROM seizure_item_search_keys WHERE getvariable('known_on') IS NULL
UNION ALL BY NAME
SELECT * FROM seizure_item_search_keys_as_known;
COMMENT ON VIEW seizure_item_search_keys_known IS 'The distinct markings, lot numbers and headstamps per classification, as the warehouse knows them: the stored seizure_item_search_keys, or, with an "as known on" date, computed from the seizure versions known then.';
