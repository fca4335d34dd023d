-- SIPRI TIV tables: volume of major arms imported or exported per country and year.
CREATE TABLE sipri_tiv_totals (
    direction VARCHAR NOT NULL,
    country_name VARCHAR NOT NULL,
    country_iso3 VARCHAR,
    country_actor_type VARCHAR,
    actor_rule VARCHAR,
    is_world_total BOOLEAN NOT NULL,
    year INTEGER NOT NULL,
    tiv DOUBLE NOT NULL,
    tiv_as_reported VARCHAR NOT NULL,
    classification VARCHAR NOT NULL,
    load_id VARCHAR NOT NULL,
    file_name VARCHAR NOT NULL,
    source_row_number BIGINT NOT NULL
);
COMMENT ON TABLE sipri_tiv_totals IS 'SIPRI TIV tables (imports by recipient, exports by supplier): SIPRI trend-indicator value of major arms transferred per country and year, one row per non-empty cell. An empty cell (no deliveries identified) has no row. The world line is kept, flagged is_world_total: exclude it when summing countries.';
COMMENT ON COLUMN sipri_tiv_totals.direction IS 'imports (table by recipient) or exports (table by supplier).';
COMMENT ON COLUMN sipri_tiv_totals.country_name IS 'Recipient or supplier as SIPRI names it (non-state actors marked *, organisations **), or Total world import/export.';
COMMENT ON COLUMN sipri_tiv_totals.country_iso3 IS 'Country code through country_aliases; empty for organisations, unknown parties and the world total.';
COMMENT ON COLUMN sipri_tiv_totals.country_actor_type IS 'state, non_state, organisation, historical or unknown; empty for the world total.';
COMMENT ON COLUMN sipri_tiv_totals.actor_rule IS 'The rule that recognised the name from its form when neither the alias table nor the actor registry knew it (sipri_bracket); empty otherwise.';
COMMENT ON COLUMN sipri_tiv_totals.is_world_total IS 'True for SIPRI''s Total world import/export line, which is not a country.';
COMMENT ON COLUMN sipri_tiv_totals.year IS 'Year of the deliveries.';
COMMENT ON COLUMN sipri_tiv_totals.tiv IS 'SIPRI TIV in millions, rounded to whole millions by SIPRI: 0 means more than 0 and less than 0.5 million.';
COMMENT ON COLUMN sipri_tiv_totals.tiv_as_reported IS 'The cell exactly as written in the file (e.g. with a trailing space).';
COMMENT ON COLUMN sipri_tiv_totals.classification IS 'public, restricted, confidential or strictly_confidential (SIPRI tables are public).';
COMMENT ON COLUMN sipri_tiv_totals.load_id IS 'Load batch (load_log.load_id).';
COMMENT ON COLUMN sipri_tiv_totals.file_name IS 'File the row came from.';
COMMENT ON COLUMN sipri_tiv_totals.source_row_number IS 'Physical line of the file holding the country, 1-based, counting the preamble.';
