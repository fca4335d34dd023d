-- seizure_item_search_keys as computed from the seizure versions known at the end of the session's
-- "as known on" date (seizure_item_search_keys_computed); empty when no date is chosen
-- (seizure_item_search_keys_known then reads the stored table).
CREATE VIEW seizure_item_search_keys_as_known AS
SELECT * FROM seizure_item_search_keys_computed() WHERE getvariable('known_on') IS NOT NULL;
COMMENT ON VIEW seizure_item_search_keys_as_known IS 'The rows of seizure_item_search_keys computed from the seizure versions known at the end of the "as known on" date; empty when no date is chosen.';
