-- First-level administrative areas (Natural Earth Admin 1 1:10m, data/geo/admin1_shapes.geojson)
-- by name, written at every build like the schema: the seizure records' admin1 values are matched
-- to these names (seizure_event_places) for the admin-1 filter of the seizure pages.
CREATE TABLE admin1_areas (
    country_iso3 VARCHAR NOT NULL,
    area_name VARCHAR NOT NULL,
    iso_3166_2 VARCHAR,
    label_lat DOUBLE NOT NULL,
    label_lon DOUBLE NOT NULL
);
COMMENT ON TABLE admin1_areas IS 'First-level administrative areas (provinces, prefectures, states) from Natural Earth Admin 1 1:10m (public domain) for the countries under UN arms embargoes and their neighbours; boundaries and names do not imply endorsement by the United Nations.';
COMMENT ON COLUMN admin1_areas.country_iso3 IS 'Country of the area (ISO3; Natural Earth''s KOS is XKX).';
COMMENT ON COLUMN admin1_areas.area_name IS 'Name of the area as Natural Earth writes it (Ombella-M''Poko, Haute-Kotto).';
COMMENT ON COLUMN admin1_areas.iso_3166_2 IS 'ISO 3166-2 code of the area, when Natural Earth gives one.';
COMMENT ON COLUMN admin1_areas.label_lat IS 'Latitude of a point inside the area.';
COMMENT ON COLUMN admin1_areas.label_lon IS 'Longitude of a point inside the area.';
