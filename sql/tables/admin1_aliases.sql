-- Other spellings of first-level administrative areas (data/reference/admin1_aliases.csv): common
-- English names that differ from the Natural Earth layer's (North Kivu for Nord-Kivu, West Darfur
-- for Western Darfur, Nineveh for Ninawa), each naming the area as admin1_areas writes it. The
-- seizure records' admin1 values are matched through them too (seizure_event_places).
CREATE TABLE admin1_aliases (
    country_iso3 VARCHAR NOT NULL,
    alias VARCHAR NOT NULL,
    area_name VARCHAR NOT NULL,
    source VARCHAR NOT NULL,
    load_id VARCHAR NOT NULL
);
COMMENT ON TABLE admin1_aliases IS 'Common spellings of admin-1 areas that differ from the Natural Earth layer beyond accents, case, spaces and punctuation, each with the area as the layer writes it (data/reference/admin1_aliases.csv); add a row and rebuild to match another spelling.';
COMMENT ON COLUMN admin1_aliases.country_iso3 IS 'Country of the area (ISO3).';
COMMENT ON COLUMN admin1_aliases.alias IS 'The other spelling, as records write it (North Kivu).';
COMMENT ON COLUMN admin1_aliases.area_name IS 'The area as the layer writes it (admin1_areas.area_name: Nord-Kivu).';
COMMENT ON COLUMN admin1_aliases.source IS 'Where the spelling is used.';
COMMENT ON COLUMN admin1_aliases.load_id IS 'Load batch (load_log.load_id).';
