-- The seizure item facts as known at the end of the session's "as known on" date (variable
-- known_on), with the same columns as the stored copy seizure_item_facts_stored: seizure_item_facts
-- computed from the versions known then, with the same lower-case search keys. Empty when no
-- date is chosen (seizure_item_facts_known then reads the stored copy).
CREATE VIEW seizure_item_facts_as_known AS
SELECT
    *,
    -- as in seizure_item_facts_stored
    lower(markings) AS markings_key,
    lower(lot_number) AS lot_number_key,
    lower(concat_ws(' ', headstamp_factory, headstamp_year)) AS headstamp_key
FROM seizure_item_facts
WHERE getvariable('known_on') IS NOT NULL;
COMMENT ON VIEW seizure_item_facts_as_known IS 'seizure_item_facts (with the search keys of seizure_item_facts_stored) computed from the seizure versions known at the end of the "as known on" date; empty when no date is chosen.';
