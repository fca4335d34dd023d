-- Country shapes with the country name, for drawing maps.
CREATE VIEW map_country_shapes AS
SELECT
    s.adm0_a3,
    s.country_iso3,
    coalesce(c.country_name, s.shape_name) AS country_name,
    s.label_lon,
    s.label_lat,
    s.geometry_geojson
FROM country_shapes AS s
LEFT JOIN countries AS c USING (country_iso3)
ORDER BY s.adm0_a3;
COMMENT ON VIEW map_country_shapes IS 'Natural Earth country shapes with the country code and name they are shown as.';
