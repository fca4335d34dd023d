-- Field documentation of seized or recovered materiel exactly as delivered (format seizures), every row read.
CREATE TABLE raw_seizures (
    event_id VARCHAR,
    event_date VARCHAR,
    date_precision VARCHAR,
    country_iso3 VARCHAR,
    admin1 VARCHAR,
    location_name VARCHAR,
    latitude VARCHAR,
    longitude VARCHAR,
    location_precision VARCHAR,
    context VARCHAR,
    seized_from VARCHAR,
    actor_type VARCHAR,
    reporting_entity VARCHAR,
    source_document VARCHAR,
    source_paragraph VARCHAR,
    item_kind VARCHAR,
    weapon_category VARCHAR,
    manufacturer VARCHAR,
    model VARCHAR,
    calibre VARCHAR,
    serial_number VARCHAR,
    markings VARCHAR,
    country_of_manufacture VARCHAR,
    year_of_manufacture VARCHAR,
    headstamp_factory VARCHAR,
    headstamp_year VARCHAR,
    lot_number VARCHAR,
    quantity VARCHAR,
    unit VARCHAR,
    classification VARCHAR,
    verification VARCHAR,
    notes VARCHAR,
    item_id VARCHAR,
    as_of VARCHAR,
    correction VARCHAR,
    extra_columns VARCHAR,
    loaded BOOLEAN NOT NULL,
    load_id VARCHAR NOT NULL,
    file_name VARCHAR NOT NULL,
    source_row_number BIGINT NOT NULL
);
COMMENT ON TABLE raw_seizures IS 'Seizure documentation lines as delivered (CSV or XLSX, format seizures) that a load rejected, as text, with their reasons in rejects (joined on load_id and row number), and the accepted lines of events stored before the load (which may revise or restate a stored record, so the load''s classification counts the level they state). Other accepted lines are in seizure_events and seizure_items; as delivered, they are read from the file the raw store keeps, by load and row number.';
COMMENT ON COLUMN raw_seizures.event_id IS 'Event identifier, as written.';
COMMENT ON COLUMN raw_seizures.event_date IS 'Date of the event, as written (YYYY-MM-DD, YYYY-MM or YYYY).';
COMMENT ON COLUMN raw_seizures.date_precision IS 'day, month or year, as written.';
COMMENT ON COLUMN raw_seizures.country_iso3 IS 'Country where the materiel was found, code or name as written.';
COMMENT ON COLUMN raw_seizures.admin1 IS 'Administrative area, as written.';
COMMENT ON COLUMN raw_seizures.location_name IS 'Place name, as written.';
COMMENT ON COLUMN raw_seizures.latitude IS 'Latitude, as written.';
COMMENT ON COLUMN raw_seizures.longitude IS 'Longitude, as written.';
COMMENT ON COLUMN raw_seizures.location_precision IS 'exact, approximate, admin1 or country, as written.';
COMMENT ON COLUMN raw_seizures.context IS 'Context of the event, as written.';
COMMENT ON COLUMN raw_seizures.seized_from IS 'From whom, as written.';
COMMENT ON COLUMN raw_seizures.actor_type IS 'Kind of holder, as written.';
COMMENT ON COLUMN raw_seizures.reporting_entity IS 'Reporting entity, as written.';
COMMENT ON COLUMN raw_seizures.source_document IS 'Source document, as written.';
COMMENT ON COLUMN raw_seizures.source_paragraph IS 'Paragraph or annex, as written.';
COMMENT ON COLUMN raw_seizures.item_kind IS 'weapon, ammunition, part, explosive or other, as written.';
COMMENT ON COLUMN raw_seizures.weapon_category IS 'Weapon category, as written.';
COMMENT ON COLUMN raw_seizures.manufacturer IS 'Manufacturer, as written.';
COMMENT ON COLUMN raw_seizures.model IS 'Model, as written.';
COMMENT ON COLUMN raw_seizures.calibre IS 'Calibre, as written.';
COMMENT ON COLUMN raw_seizures.serial_number IS 'Serial number, as written.';
COMMENT ON COLUMN raw_seizures.markings IS 'Other markings, as written.';
COMMENT ON COLUMN raw_seizures.country_of_manufacture IS 'Country of manufacture, code or name as written.';
COMMENT ON COLUMN raw_seizures.year_of_manufacture IS 'Year of manufacture, as written.';
COMMENT ON COLUMN raw_seizures.headstamp_factory IS 'Headstamp factory code, as written.';
COMMENT ON COLUMN raw_seizures.headstamp_year IS 'Headstamp year, as written.';
COMMENT ON COLUMN raw_seizures.lot_number IS 'Lot number, as written.';
COMMENT ON COLUMN raw_seizures.quantity IS 'Quantity, as written.';
COMMENT ON COLUMN raw_seizures.unit IS 'items, rounds or kg, as written.';
COMMENT ON COLUMN raw_seizures.classification IS 'Classification, as written (empty = restricted).';
COMMENT ON COLUMN raw_seizures.verification IS 'Verification, as written (empty = unverified).';
COMMENT ON COLUMN raw_seizures.notes IS 'Notes, as written.';
COMMENT ON COLUMN raw_seizures.item_id IS 'Identifier of the line within its event, as written.';
COMMENT ON COLUMN raw_seizures.as_of IS 'Date the line''s information stands on, as written.';
COMMENT ON COLUMN raw_seizures.correction IS 'Why the line corrects the version loaded, as written.';
COMMENT ON COLUMN raw_seizures.extra_columns IS 'Columns of the file outside the seizures format, as JSON text {column: value}; empty when there are none.';
COMMENT ON COLUMN raw_seizures.loaded IS 'True for an accepted line of an event stored before the load; false when it was rejected (reasons in rejects).';
COMMENT ON COLUMN raw_seizures.load_id IS 'Load batch (load_log.load_id).';
COMMENT ON COLUMN raw_seizures.file_name IS 'File the row came from.';
COMMENT ON COLUMN raw_seizures.source_row_number IS 'Line of the CSV where the record starts, or spreadsheet row; the header is 1.';
