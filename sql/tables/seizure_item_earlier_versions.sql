-- The earlier versions of seizure_items rows: a later version moves the one it replaces here, with
-- when and by which load (nothing is overwritten).
CREATE TABLE seizure_item_earlier_versions (
    item_line_uid VARCHAR NOT NULL,
    event_uid VARCHAR NOT NULL,
    item_uid VARCHAR,
    item_id VARCHAR,
    item_kind VARCHAR NOT NULL,
    weapon_category VARCHAR,
    manufacturer VARCHAR,
    model VARCHAR,
    calibre VARCHAR,
    serial_number VARCHAR,
    serial_normalized VARCHAR,
    markings VARCHAR,
    country_of_manufacture VARCHAR,
    year_of_manufacture INTEGER,
    headstamp_factory VARCHAR,
    headstamp_year INTEGER,
    lot_number VARCHAR,
    quantity DOUBLE NOT NULL,
    unit VARCHAR NOT NULL,
    classification VARCHAR NOT NULL,
    verification VARCHAR NOT NULL,
    notes VARCHAR,
    as_of DATE NOT NULL,
    correction VARCHAR,
    version INTEGER NOT NULL,
    load_id VARCHAR NOT NULL,
    file_name VARCHAR NOT NULL,
    source_row_number BIGINT NOT NULL,
    superseded_at TIMESTAMP NOT NULL,
    superseded_by_load_id VARCHAR NOT NULL
);
COMMENT ON TABLE seizure_item_earlier_versions IS 'Every earlier version of a row of seizure_items, as it stood before a later version (a later file''s line with as_of or correction, or a correction) replaced it: one row per replaced version; the view seizure_item_versions shows them with the current ones.';
COMMENT ON COLUMN seizure_item_earlier_versions.item_line_uid IS 'Unique id of the line: event_uid, a colon, 12 hex digits of a hash of the item fields (plus -2, -3 for identical lines of one event in one file). Stable across re-saved files.';
COMMENT ON COLUMN seizure_item_earlier_versions.item_id IS 'Identifies the line within its event, as the file gives it (column item_id): a later line of the event with the same item_id is a new version of this line. Empty when the file gives none.';
COMMENT ON COLUMN seizure_item_earlier_versions.event_uid IS 'Event of the line (seizure_events.event_uid).';
COMMENT ON COLUMN seizure_item_earlier_versions.item_uid IS 'Identity of the physical item across reports: 16 hex digits of a hash of serial_normalized, manufacturer and model (normalised like the serial); empty when there is no serial number.';
COMMENT ON COLUMN seizure_item_earlier_versions.item_kind IS 'What the line describes: vocabulary item_kind (table vocabularies).';
COMMENT ON COLUMN seizure_item_earlier_versions.weapon_category IS 'Vocabulary weapon_category (table vocabularies); required for weapons.';
COMMENT ON COLUMN seizure_item_earlier_versions.manufacturer IS 'Manufacturer, as marked.';
COMMENT ON COLUMN seizure_item_earlier_versions.model IS 'Model, as marked.';
COMMENT ON COLUMN seizure_item_earlier_versions.calibre IS 'Calibre, as marked (e.g. 7.62 x 39 mm).';
COMMENT ON COLUMN seizure_item_earlier_versions.serial_number IS 'Serial number as marked.';
COMMENT ON COLUMN seizure_item_earlier_versions.serial_normalized IS 'Serial number in upper case without spaces, dashes, slashes or dots, for matching across reports and traces.';
COMMENT ON COLUMN seizure_item_earlier_versions.markings IS 'All other markings, verbatim.';
COMMENT ON COLUMN seizure_item_earlier_versions.country_of_manufacture IS 'Country of manufacture, ISO 3166-1 alpha-3 (former countries such as SUN or DDR allowed).';
COMMENT ON COLUMN seizure_item_earlier_versions.year_of_manufacture IS 'Year of manufacture.';
COMMENT ON COLUMN seizure_item_earlier_versions.headstamp_factory IS 'Factory code of an ammunition headstamp, as marked.';
COMMENT ON COLUMN seizure_item_earlier_versions.headstamp_year IS 'Year on an ammunition headstamp, four digits.';
COMMENT ON COLUMN seizure_item_earlier_versions.lot_number IS 'Lot or batch number, as marked.';
COMMENT ON COLUMN seizure_item_earlier_versions.quantity IS 'Number of items or rounds, or weight in kg (see unit); 1 for a serialised item.';
COMMENT ON COLUMN seizure_item_earlier_versions.unit IS 'Unit of quantity: vocabulary unit (table vocabularies).';
COMMENT ON COLUMN seizure_item_earlier_versions.classification IS 'public, restricted (the default), confidential or strictly_confidential.';
COMMENT ON COLUMN seizure_item_earlier_versions.verification IS 'Vocabulary verification (table vocabularies; unverified by default): how far the identification has been verified.';
COMMENT ON COLUMN seizure_item_earlier_versions.notes IS 'Notes of the documenting officer.';
COMMENT ON COLUMN seizure_item_earlier_versions.as_of IS 'Date the line''s version stands on: the line''s as_of, else its event date (a line correcting it without as_of stands on the date of the version it corrects).';
COMMENT ON COLUMN seizure_item_earlier_versions.correction IS 'Why this version corrects the one before it (the line''s correction column, or a correction''s reason); empty otherwise.';
COMMENT ON COLUMN seizure_item_earlier_versions.version IS '1 for the first version of the line, then 2, 3, ... for each later one (the earlier ones are in seizure_item_earlier_versions).';
COMMENT ON COLUMN seizure_item_earlier_versions.load_id IS 'Load batch that recorded this version of the line (load_log.load_id).';
COMMENT ON COLUMN seizure_item_earlier_versions.file_name IS 'File the line came from.';
COMMENT ON COLUMN seizure_item_earlier_versions.source_row_number IS 'CSV line where the record starts, or spreadsheet row; the header is 1.';
COMMENT ON COLUMN seizure_item_earlier_versions.superseded_at IS 'When a later version replaced it (UTC).';
COMMENT ON COLUMN seizure_item_earlier_versions.superseded_by_load_id IS 'The load (or correction) that brought the later version (load_log.load_id).';
