-- Item lines counted per classification, event and category, with the event's date, place,
-- context and reporting entity: the Hotspots and Trends queries filter these by classification,
-- period, context, category and entity, then add them up (a third of the rows of the item facts,
-- and only the columns those queries read).
CREATE TABLE seizure_event_category_counts AS
SELECT * FROM seizure_event_category_counts_computed();
COMMENT ON TABLE seizure_event_category_counts IS 'Item lines of seizure_item_facts counted per classification, event and category (item lines, items, rounds), with the event''s date, month, country, coordinates, context and reporting entity; refreshed after every load and build; the Hotspots and Trends queries read it.';
COMMENT ON COLUMN seizure_event_category_counts.classification IS 'Classification of the item lines counted (an event''s lines may differ).';
COMMENT ON COLUMN seizure_event_category_counts.event_uid IS 'The seizure event (seizure_events.event_uid).';
COMMENT ON COLUMN seizure_event_category_counts.event_date IS 'Date of the event (first day of its month or year for partial dates).';
COMMENT ON COLUMN seizure_event_category_counts.event_month IS 'First day of the event''s month.';
COMMENT ON COLUMN seizure_event_category_counts.country_iso3 IS 'Country where the materiel was found (ISO3).';
COMMENT ON COLUMN seizure_event_category_counts.latitude IS 'WGS84 latitude of the event, when located.';
COMMENT ON COLUMN seizure_event_category_counts.longitude IS 'WGS84 longitude of the event, when located.';
COMMENT ON COLUMN seizure_event_category_counts.context IS 'Seizure context of the event (seizure, recovery, cache, ...).';
COMMENT ON COLUMN seizure_event_category_counts.category IS 'weapon_category, or item_kind for other items.';
COMMENT ON COLUMN seizure_event_category_counts.reporting_entity IS 'Entity that documented the event.';
COMMENT ON COLUMN seizure_event_category_counts.item_lines IS 'Number of item lines counted.';
COMMENT ON COLUMN seizure_event_category_counts.items IS 'Sum of quantity over the lines counted in items (0 when none).';
COMMENT ON COLUMN seizure_event_category_counts.rounds IS 'Sum of quantity over the lines counted in rounds (0 when none).';
