-- Every admin-1 alias names an area of its country on the Natural Earth layer, so no spelling
-- points nowhere.
SELECT a.country_iso3, a.alias, a.area_name
FROM admin1_aliases AS a
WHERE NOT EXISTS (
    SELECT 1 FROM admin1_areas AS l
    WHERE l.country_iso3 = a.country_iso3 AND l.area_name = a.area_name
);
