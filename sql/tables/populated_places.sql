-- Towns of the countries under UN arms embargoes and their neighbours (Natural Earth Populated
-- Places 1:10m, data/geo/populated_places.geojson), written at every build like the schema: the
-- seizure pages name the nearest town of an event and filter "within N km of a town".
CREATE TABLE populated_places (
    country_iso3 VARCHAR NOT NULL,
    admin1_name VARCHAR,
    place_name VARCHAR NOT NULL,
    place_name_fr VARCHAR,
    scale_rank INTEGER NOT NULL,
    capital VARCHAR,
    population BIGINT,
    latitude DOUBLE NOT NULL,
    longitude DOUBLE NOT NULL
);
COMMENT ON TABLE populated_places IS 'Towns from Natural Earth Populated Places 1:10m (public domain) for the countries under UN arms embargoes and their neighbours, as shipped in data/geo/populated_places.geojson; names do not imply endorsement by the United Nations.';
COMMENT ON COLUMN populated_places.country_iso3 IS 'Country of the town (ISO3; Natural Earth''s SDS is SSD, KOS is XKX).';
COMMENT ON COLUMN populated_places.admin1_name IS 'Natural Earth''s name of the first-level administrative area the town lies in.';
COMMENT ON COLUMN populated_places.place_name IS 'Name of the town as Natural Earth writes it.';
COMMENT ON COLUMN populated_places.place_name_fr IS 'French name of the town (Natural Earth), empty when it has none.';
COMMENT ON COLUMN populated_places.scale_rank IS 'Natural Earth SCALERANK: 0 the most prominent to 10.';
COMMENT ON COLUMN populated_places.capital IS 'country, admin1 or empty.';
COMMENT ON COLUMN populated_places.population IS 'Natural Earth POP_MAX.';
COMMENT ON COLUMN populated_places.latitude IS 'Latitude, WGS84 decimal degrees.';
COMMENT ON COLUMN populated_places.longitude IS 'Longitude, WGS84 decimal degrees.';
