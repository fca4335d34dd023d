-- The distinct marking, lot number and headstamp texts of the stored item facts, per
-- classification: Item search looks for the text in these (about 200,000 values at a million
-- item lines, against 2.2 million non-empty cells) and then takes the item lines that carry a
-- matching value. Serials are searched in the item facts themselves, which are ordered by serial.
CREATE TABLE seizure_item_search_keys AS
SELECT * FROM seizure_item_search_keys_computed();
COMMENT ON TABLE seizure_item_search_keys IS 'Distinct lower-case markings, lot numbers and headstamps of seizure_item_facts_stored per classification, refreshed after every load and build; Item search matches text on these.';
COMMENT ON COLUMN seizure_item_search_keys.classification IS 'Classification of the item lines that carry the value.';
COMMENT ON COLUMN seizure_item_search_keys.key_kind IS 'Which text: marking (markings_key), lot number (lot_number_key) or headstamp (headstamp_key).';
COMMENT ON COLUMN seizure_item_search_keys.search_key IS 'The value, as in the matching column of seizure_item_facts_stored.';
COMMENT ON COLUMN seizure_item_search_keys.item_lines IS 'Item lines of this classification that carry the value.';
