-- ISO 3166-1 countries plus withdrawn codes used by historical sources.
CREATE TABLE countries (
    country_iso3 VARCHAR NOT NULL,
    country_iso2 VARCHAR,
    m49_code VARCHAR,
    country_name VARCHAR NOT NULL,
    region VARCHAR,
    sub_region VARCHAR,
    is_historical BOOLEAN NOT NULL,
    note VARCHAR,
    load_id VARCHAR NOT NULL
);
COMMENT ON TABLE countries IS 'Countries and territories by ISO 3166-1 code, with UN M49 code and region; includes withdrawn codes (SUN, YUG, ...) used by historical records.';
COMMENT ON COLUMN countries.country_iso3 IS 'ISO 3166-1 alpha-3 code (or withdrawn / user-assigned code, see note).';
COMMENT ON COLUMN countries.country_iso2 IS 'ISO 3166-1 alpha-2 code.';
COMMENT ON COLUMN countries.m49_code IS 'UN M49 numeric code, three digits.';
COMMENT ON COLUMN countries.country_name IS 'Short English name.';
COMMENT ON COLUMN countries.region IS 'UN M49 region.';
COMMENT ON COLUMN countries.sub_region IS 'UN M49 sub-region.';
COMMENT ON COLUMN countries.is_historical IS 'True for entities that no longer exist (Soviet Union, Yugoslavia, ...).';
COMMENT ON COLUMN countries.note IS 'Why a code is not a current ISO code, where it is not.';
COMMENT ON COLUMN countries.load_id IS 'Load batch (load_log.load_id).';
