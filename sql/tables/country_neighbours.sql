-- Countries that share a land border, derived once from the Natural Earth shapes.
CREATE TABLE country_neighbours (
    country_iso3 VARCHAR NOT NULL,
    neighbour_iso3 VARCHAR NOT NULL,
    load_id VARCHAR NOT NULL
);
COMMENT ON TABLE country_neighbours IS 'Pairs of countries whose Natural Earth 1:110m shapes touch (within about 5 km, to bridge simplification gaps); both directions are listed. Small states missing at 1:110m have no neighbours here.';
COMMENT ON COLUMN country_neighbours.country_iso3 IS 'A country.';
COMMENT ON COLUMN country_neighbours.neighbour_iso3 IS 'A country whose shape touches it.';
COMMENT ON COLUMN country_neighbours.load_id IS 'Load batch of the shapes it was derived from (load_log.load_id).';
