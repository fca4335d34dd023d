-- Every list the transfer filters offer a viewer, in one statement (on a shared catalog each
-- statement is a round trip): the parties (transfer_parties), the sources with their titles, the
-- categories and the first and last year, from the stored values of the classifications the
-- viewer may see (transfer_filter_values). One row per entry, named by its list: 'party' (role,
-- code, name), 'source' (code, name: the title, is_synthetic), 'category' (code) and one 'years'
-- row (first_year, last_year); each list in the order the filters show it.
CREATE MACRO transfer_filter_lists(visible) AS TABLE
WITH visible_values AS (
    SELECT * FROM transfer_filter_values WHERE list_contains(visible, classification)
)
SELECT 'party' AS list, role, country_iso3 AS code, name,
    CAST(NULL AS BOOLEAN) AS is_synthetic,
    CAST(NULL AS INTEGER) AS first_year, CAST(NULL AS INTEGER) AS last_year, name AS sort_key
FROM transfer_parties(visible)
UNION ALL
SELECT 'source', NULL, s.source_id, s.title, s.is_synthetic, NULL, NULL, s.source_id
FROM (SELECT DISTINCT value FROM visible_values WHERE kind = 'source') AS v
JOIN source_registry AS s ON s.source_id = v.value
UNION ALL
SELECT DISTINCT 'category', NULL, value, NULL, NULL, NULL, NULL, value
FROM visible_values WHERE kind = 'category'
UNION ALL
SELECT 'years', NULL, NULL, NULL, NULL, min(first_year), max(last_year), NULL
FROM visible_values WHERE kind = 'years'
ORDER BY list, sort_key;
