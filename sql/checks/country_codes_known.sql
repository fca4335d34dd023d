-- Every country code used by aliases, embargo targets and shapes exists in countries.
SELECT 'country_aliases' AS used_in, country_iso3 FROM country_aliases
WHERE country_iso3 IS NOT NULL AND country_iso3 NOT IN (SELECT country_iso3 FROM countries)
UNION ALL
SELECT 'embargo_target_countries', country_iso3 FROM embargo_target_countries
WHERE country_iso3 NOT IN (SELECT country_iso3 FROM countries)
UNION ALL
SELECT 'embargoes', target_iso3 FROM embargoes
WHERE target_iso3 IS NOT NULL AND target_iso3 NOT IN (SELECT country_iso3 FROM countries)
UNION ALL
SELECT 'country_shapes', country_iso3 FROM country_shapes
WHERE country_iso3 IS NOT NULL AND country_iso3 NOT IN (SELECT country_iso3 FROM countries);
