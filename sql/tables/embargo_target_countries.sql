-- Present-day countries covered by each embargo's target territory, for maps and country look-ups.
CREATE TABLE embargo_target_countries (
    embargo_id VARCHAR NOT NULL,
    country_iso3 VARCHAR NOT NULL,
    note VARCHAR,
    load_id VARCHAR NOT NULL
);
COMMENT ON TABLE embargo_target_countries IS 'Present-day countries whose territory an embargo covered (the SFRY embargo covers its successor states). Regimes on listed parties anywhere have no row.';
COMMENT ON COLUMN embargo_target_countries.embargo_id IS 'Embargo (embargoes.embargo_id).';
COMMENT ON COLUMN embargo_target_countries.country_iso3 IS 'Present-day country code.';
COMMENT ON COLUMN embargo_target_countries.note IS 'Why the country is covered, where not obvious.';
COMMENT ON COLUMN embargo_target_countries.load_id IS 'Load batch (load_log.load_id).';
