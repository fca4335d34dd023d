-- The fresh-supply items counted: fresh_supply_items computed once after every load and build
-- and counted per classification, embargo, country, year, item kind and whether made after the
-- embargo began (a few thousand rows), so the fresh-supply indicator and the country profile add
-- up counts instead of joining every item line to the embargo spans on every call.
CREATE TABLE fresh_supply_counts AS
SELECT * FROM fresh_supply_counts_computed();
COMMENT ON TABLE fresh_supply_counts IS 'Item lines of the view fresh_supply_items counted per classification, embargo, country, year, item kind and made_after_embargo_start, with the latest year of manufacture; refreshed after every load and build; the fresh-supply indicator and the country profile read it.';
COMMENT ON COLUMN fresh_supply_counts.classification IS 'Classification of the item lines counted.';
COMMENT ON COLUMN fresh_supply_counts.embargo_id IS 'The embargo in force where and when the items were documented.';
COMMENT ON COLUMN fresh_supply_counts.embargo_short_name IS 'Short name of the embargo.';
COMMENT ON COLUMN fresh_supply_counts.embargo_start IS 'Start date of the embargo.';
COMMENT ON COLUMN fresh_supply_counts.country_iso3 IS 'Country where the items were documented (ISO3).';
COMMENT ON COLUMN fresh_supply_counts.event_year IS 'Year of the seizure event.';
COMMENT ON COLUMN fresh_supply_counts.item_kind IS 'weapon or ammunition.';
COMMENT ON COLUMN fresh_supply_counts.made_after_embargo_start IS 'Whether the items were made in a later year than the embargo''s start (fresh supply).';
COMMENT ON COLUMN fresh_supply_counts.item_lines IS 'Number of item lines counted (a weapon line is an item, an ammunition line a lot).';
COMMENT ON COLUMN fresh_supply_counts.latest_manufacture_year IS 'Latest year of manufacture (or headstamp year) among the lines counted.';
