-- Events of seizure or recovery of materiel from field documentation (format seizures): one row per event.
CREATE TABLE seizure_events (
    event_uid VARCHAR NOT NULL,
    event_id VARCHAR NOT NULL,
    reporting_entity VARCHAR NOT NULL,
    event_date DATE NOT NULL,
    date_precision VARCHAR NOT NULL,
    country_iso3 VARCHAR NOT NULL,
    admin1 VARCHAR,
    location_name VARCHAR,
    latitude DOUBLE,
    longitude DOUBLE,
    location_precision VARCHAR,
    context VARCHAR NOT NULL,
    seized_from VARCHAR,
    actor_type VARCHAR,
    source_document VARCHAR,
    source_paragraph VARCHAR,
    classification VARCHAR NOT NULL,
    as_of DATE NOT NULL,
    correction VARCHAR,
    version INTEGER NOT NULL DEFAULT 1,
    load_id VARCHAR NOT NULL,
    file_name VARCHAR NOT NULL,
    source_row_number BIGINT NOT NULL
);
COMMENT ON TABLE seizure_events IS 'Seizures and recoveries of arms and ammunition documented in the field (mission JMAC, panel of experts, national authority): one row per event of a reporting entity. Its item lines are in seizure_items; the event columns repeat on each line of the file and must agree.';
COMMENT ON COLUMN seizure_events.event_uid IS 'Unique id of the event: reporting_entity, a colon, event_id.';
COMMENT ON COLUMN seizure_events.event_id IS 'Event identifier as the reporting entity gives it (unique per event within that entity).';
COMMENT ON COLUMN seizure_events.reporting_entity IS 'Who documented the event: a mission JMAC, a panel of experts, a national authority.';
COMMENT ON COLUMN seizure_events.event_date IS 'Date of the seizure or recovery; for a month or year precision, its first day.';
COMMENT ON COLUMN seizure_events.date_precision IS 'Vocabulary date_precision (table vocabularies): how much of event_date is known.';
COMMENT ON COLUMN seizure_events.country_iso3 IS 'Country where the materiel was seized or recovered (ISO 3166-1 alpha-3; names mapped through country_aliases).';
COMMENT ON COLUMN seizure_events.admin1 IS 'First-level administrative area (region, province, state), as written.';
COMMENT ON COLUMN seizure_events.location_name IS 'Place name, as written.';
COMMENT ON COLUMN seizure_events.latitude IS 'Latitude, WGS84 decimal degrees; empty when not known (always given together with longitude).';
COMMENT ON COLUMN seizure_events.longitude IS 'Longitude, WGS84 decimal degrees; empty when not known.';
COMMENT ON COLUMN seizure_events.location_precision IS 'Vocabulary location_precision (table vocabularies): how precisely the coordinates place the event.';
COMMENT ON COLUMN seizure_events.context IS 'How the materiel came into the documenting party''s hands: vocabulary seizure_context (table vocabularies).';
COMMENT ON COLUMN seizure_events.seized_from IS 'From whom the materiel was taken, as written.';
COMMENT ON COLUMN seizure_events.actor_type IS 'Kind of holder: vocabulary actor_type (table vocabularies).';
COMMENT ON COLUMN seizure_events.source_document IS 'Document reporting the event, e.g. a panel report symbol S/2024/123.';
COMMENT ON COLUMN seizure_events.source_paragraph IS 'Paragraph or annex of that document, e.g. 45 or annex 12.';
COMMENT ON COLUMN seizure_events.classification IS 'public, restricted, confidential or strictly_confidential: the most sensitive classification among the event''s item lines.';
COMMENT ON COLUMN seizure_events.as_of IS 'Date the event''s version stands on: the as_of of the line that gave it, else the event date (a line correcting it without as_of stands on the date of the version it corrects).';
COMMENT ON COLUMN seizure_events.correction IS 'Why this version corrects the one before it (the line''s correction column, or a correction''s reason); empty otherwise.';
COMMENT ON COLUMN seizure_events.version IS '1 for the first version of the event, then 2, 3, ... for each later one (the earlier ones are in seizure_event_earlier_versions).';
COMMENT ON COLUMN seizure_events.load_id IS 'Load batch that recorded this version of the event (load_log.load_id).';
COMMENT ON COLUMN seizure_events.file_name IS 'File of the first line of this version of the event.';
COMMENT ON COLUMN seizure_events.source_row_number IS 'Row of the event''s first loaded line in that file (CSV line where the record starts, or spreadsheet row; header = 1).';
