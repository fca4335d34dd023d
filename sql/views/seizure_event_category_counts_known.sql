-- Item lines counted per classification, event and category, as the pages read them: the stored
-- seizure_event_category_counts, or, when an "as known on" date is chosen (session variable
-- known_on), computed from the seizure versions known then
-- (seizure_event_category_counts_as_known). The variable is a constant of the query: only one side
-- is read.
CREATE VIEW seizure_event_category_counts_known AS
SELECT * FROM seizure_event_category_counts WHERE getvariable('known_on') IS NULL
UNION ALL BY NAME
SELECT * FROM seizure_event_category_counts_as_known;
COMMENT ON VIEW seizure_event_category_counts_known IS 'Item lines counted per classification, event and category, as the warehouse knows them: the stored seizure_event_category_counts, or, with an "as known on" date, computed from the seizure versions known then.';
