-- Natural Earth admin-0 boundaries, simplified once, for offline maps.
CREATE TABLE country_shapes (
    adm0_a3 VARCHAR NOT NULL,
    country_iso3 VARCHAR,
    shape_name VARCHAR NOT NULL,
    label_lon DOUBLE NOT NULL,
    label_lat DOUBLE NOT NULL,
    geometry_geojson VARCHAR NOT NULL,
    load_id VARCHAR NOT NULL
);
COMMENT ON TABLE country_shapes IS 'Country boundaries from Natural Earth admin-0 (public domain), simplified; joined to countries on country_iso3 derived from ADM0_A3. Boundaries do not imply endorsement by the United Nations.';
COMMENT ON COLUMN country_shapes.adm0_a3 IS 'Natural Earth ADM0_A3 code, the join key (ISO_A3 is -99 for France, Norway, Kosovo and others).';
COMMENT ON COLUMN country_shapes.country_iso3 IS 'Country code the shape is shown as; empty where no country code applies.';
COMMENT ON COLUMN country_shapes.shape_name IS 'Natural Earth NAME.';
COMMENT ON COLUMN country_shapes.label_lon IS 'Longitude of a representative point inside the shape (for labels and markers).';
COMMENT ON COLUMN country_shapes.label_lat IS 'Latitude of a representative point inside the shape.';
COMMENT ON COLUMN country_shapes.geometry_geojson IS 'Simplified geometry as a GeoJSON geometry object (WGS84).';
COMMENT ON COLUMN country_shapes.load_id IS 'Load batch (load_log.load_id).';
