-- The located sightings of the items more than one reporting entity documented: the pairs of
-- possible double reporting are found among these alone (a self-join of every located sighting
-- of a million item lines took 620 CPU ms a page run).
CREATE TABLE seizure_repeated_sightings AS
SELECT * FROM seizure_repeated_sightings_computed();
COMMENT ON TABLE seizure_repeated_sightings IS 'The item lines of seizure_item_facts_stored with an item and coordinates whose item (item_uid) has such lines from more than one reporting entity, with the columns possible double reporting shows; refreshed after every load and build.';
COMMENT ON COLUMN seizure_repeated_sightings.item_uid IS 'The physical item: serial, manufacturer and model, normalised (seizure_items.item_uid).';
COMMENT ON COLUMN seizure_repeated_sightings.item_line_uid IS 'The item line (seizure_items.item_line_uid).';
COMMENT ON COLUMN seizure_repeated_sightings.serial_number IS 'Serial number as marked.';
COMMENT ON COLUMN seizure_repeated_sightings.manufacturer IS 'Manufacturer as written.';
COMMENT ON COLUMN seizure_repeated_sightings.model IS 'Model as written.';
COMMENT ON COLUMN seizure_repeated_sightings.event_uid IS 'The seizure event (seizure_events.event_uid).';
COMMENT ON COLUMN seizure_repeated_sightings.event_id IS 'The event''s identifier as its file gives it.';
COMMENT ON COLUMN seizure_repeated_sightings.reporting_entity IS 'Entity that documented the event.';
COMMENT ON COLUMN seizure_repeated_sightings.event_date IS 'Date of the event (first day of its month or year for partial dates).';
COMMENT ON COLUMN seizure_repeated_sightings.latitude IS 'WGS84 latitude of the event.';
COMMENT ON COLUMN seizure_repeated_sightings.longitude IS 'WGS84 longitude of the event.';
COMMENT ON COLUMN seizure_repeated_sightings.country_iso3 IS 'Country where the materiel was found (ISO3).';
COMMENT ON COLUMN seizure_repeated_sightings.location_name IS 'Place of the event as written.';
COMMENT ON COLUMN seizure_repeated_sightings.source_document IS 'Document that reports the event.';
COMMENT ON COLUMN seizure_repeated_sightings.source_paragraph IS 'Paragraph or table of that document.';
COMMENT ON COLUMN seizure_repeated_sightings.file_name IS 'File the item line was loaded from.';
COMMENT ON COLUMN seizure_repeated_sightings.source_row_number IS 'Row of that file.';
COMMENT ON COLUMN seizure_repeated_sightings.classification IS 'The more sensitive of the line''s and its event''s classifications.';
