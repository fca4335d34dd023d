-- Country codes and normalised aliases are unique, and alias actor types use the vocabulary.
SELECT 'countries' AS tbl, country_iso3 AS key FROM countries GROUP BY country_iso3 HAVING count(*) > 1
UNION ALL
SELECT 'country_aliases', alias_normalized FROM country_aliases GROUP BY alias_normalized HAVING count(*) > 1
UNION ALL
SELECT 'country_aliases.actor_type', actor_type FROM country_aliases
WHERE actor_type NOT IN ('state', 'non_state', 'organisation', 'broker', 'historical', 'unknown');
