-- Conflict events for context (formats ucdp-ged and acled): one row per event of either dataset.
CREATE TABLE conflict_event_versions (
    event_id VARCHAR NOT NULL,
    source VARCHAR NOT NULL,
    source_event_id VARCHAR NOT NULL,
    event_date DATE NOT NULL,
    event_date_end DATE,
    date_precision VARCHAR,
    country_iso3 VARCHAR NOT NULL,
    admin1 VARCHAR,
    admin2 VARCHAR,
    location_name VARCHAR,
    latitude DOUBLE NOT NULL,
    longitude DOUBLE NOT NULL,
    location_precision VARCHAR,
    event_type VARCHAR NOT NULL,
    sub_event_type VARCHAR,
    actor1 VARCHAR,
    actor2 VARCHAR,
    fatalities BIGINT NOT NULL,
    fatalities_low BIGINT,
    fatalities_high BIGINT,
    civilian_fatalities BIGINT,
    source_reference VARCHAR,
    notes VARCHAR,
    classification VARCHAR NOT NULL,
    source_record VARCHAR NOT NULL,
    release VARCHAR,
    correction VARCHAR,
    version INTEGER NOT NULL,
    recorded_at TIMESTAMP NOT NULL,
    superseded_at TIMESTAMP,
    superseded_by_load_id VARCHAR,
    load_id VARCHAR NOT NULL,
    file_name VARCHAR NOT NULL,
    source_row_number BIGINT NOT NULL
);
COMMENT ON TABLE conflict_event_versions IS 'Events of organised violence and political disorder from the UCDP Georeferenced Event Dataset (ucdp-ged) and ACLED exports (acled), in one shape, for context beside seizures and findings. One row per event; every cell as delivered is kept in source_record. Every version of each event: a later release that revises an event adds a version and marks the earlier superseded; the view conflict_events shows the current versions (or those known on a date).';
COMMENT ON COLUMN conflict_event_versions.event_id IS 'Unique id: source, a colon, the dataset''s own id (ucdp_ged:36210, acled:CAF1234).';
COMMENT ON COLUMN conflict_event_versions.source IS 'ucdp_ged or acled.';
COMMENT ON COLUMN conflict_event_versions.source_event_id IS 'The dataset''s own event id (UCDP id, ACLED event_id_cnty).';
COMMENT ON COLUMN conflict_event_versions.event_date IS 'Date of the event (UCDP date_start, ACLED event_date).';
COMMENT ON COLUMN conflict_event_versions.event_date_end IS 'Last day of the event where the dataset gives one (UCDP date_end).';
COMMENT ON COLUMN conflict_event_versions.date_precision IS 'How precisely the date is known, in words: day, days, week, month or year (UCDP date_prec, ACLED time_precision).';
COMMENT ON COLUMN conflict_event_versions.country_iso3 IS 'Country of the event (ISO 3166-1 alpha-3, from the name through country_aliases or ACLED''s numeric code).';
COMMENT ON COLUMN conflict_event_versions.admin1 IS 'First-level administrative area as written (UCDP adm_1, ACLED admin1).';
COMMENT ON COLUMN conflict_event_versions.admin2 IS 'Second-level administrative area as written.';
COMMENT ON COLUMN conflict_event_versions.location_name IS 'Place as written (UCDP where_coordinates, ACLED location).';
COMMENT ON COLUMN conflict_event_versions.latitude IS 'Latitude, WGS84 decimal degrees.';
COMMENT ON COLUMN conflict_event_versions.longitude IS 'Longitude, WGS84 decimal degrees.';
COMMENT ON COLUMN conflict_event_versions.location_precision IS 'How precisely the coordinates place the event, in words (UCDP where_prec, ACLED geo_precision).';
COMMENT ON COLUMN conflict_event_versions.event_type IS 'UCDP: state-based, non-state or one-sided (type_of_violence 1, 2, 3); ACLED: event_type as written (Battles, Violence against civilians, ...).';
COMMENT ON COLUMN conflict_event_versions.sub_event_type IS 'UCDP: conflict_name; ACLED: sub_event_type.';
COMMENT ON COLUMN conflict_event_versions.actor1 IS 'First side (UCDP side_a, ACLED actor1).';
COMMENT ON COLUMN conflict_event_versions.actor2 IS 'Second side (UCDP side_b, ACLED actor2).';
COMMENT ON COLUMN conflict_event_versions.fatalities IS 'Deaths: UCDP''s best estimate (best), ACLED''s fatalities.';
COMMENT ON COLUMN conflict_event_versions.fatalities_low IS 'UCDP''s low estimate of deaths; empty for ACLED.';
COMMENT ON COLUMN conflict_event_versions.fatalities_high IS 'UCDP''s high estimate of deaths; empty for ACLED.';
COMMENT ON COLUMN conflict_event_versions.civilian_fatalities IS 'Civilian deaths (UCDP deaths_civilians); empty for ACLED.';
COMMENT ON COLUMN conflict_event_versions.source_reference IS 'The dataset''s own source note (UCDP source_article, ACLED source).';
COMMENT ON COLUMN conflict_event_versions.notes IS 'Description of the event (ACLED notes).';
COMMENT ON COLUMN conflict_event_versions.classification IS 'Always public: both datasets are published.';
COMMENT ON COLUMN conflict_event_versions.source_record IS 'Every column (or GeoJSON property) of the row as delivered, as JSON text.';
COMMENT ON COLUMN conflict_event_versions.release IS 'The release the version comes from, as text in release order: UCDP''s from the file name (24.01 for GEDEvent_v24_1.csv), ACLED''s timestamp of the event''s last change (UTC); empty when the file names none.';
COMMENT ON COLUMN conflict_event_versions.correction IS 'Why this version corrects the one before it (a correction''s id and reason, format corrections); empty for a release''s version.';
COMMENT ON COLUMN conflict_event_versions.version IS '1 for the first version of the event, then 2, 3, ... for each later release that revises it.';
COMMENT ON COLUMN conflict_event_versions.recorded_at IS 'When the version entered the warehouse (UTC): "as known on" a date compares it.';
COMMENT ON COLUMN conflict_event_versions.superseded_at IS 'When a later version replaced it (UTC); empty for the current version.';
COMMENT ON COLUMN conflict_event_versions.superseded_by_load_id IS 'The load that brought the later version (load_log.load_id); empty for the current version.';
COMMENT ON COLUMN conflict_event_versions.load_id IS 'Load batch (load_log.load_id).';
COMMENT ON COLUMN conflict_event_versions.file_name IS 'File the event came from.';
COMMENT ON COLUMN conflict_event_versions.source_row_number IS 'CSV line (header = 1) or spreadsheet row, or for GeoJSON the feature''s position in the collection (first = 1).';
