-- Parties whose names or aliases contain `text` (case and accents not counting, in any script
-- the list gives): each party once, with the best-fitting name that matched, listed parties
-- first. Actors named only by registered transfers the viewer may not see are left out.
CREATE MACRO party_search(visible, text) AS TABLE
WITH seen AS (
    SELECT DISTINCT alias_key(name) AS record_key
    FROM (
        SELECT supplier_name AS name, classification FROM transfers
        UNION ALL SELECT recipient_name, classification FROM transfers
        UNION ALL SELECT seized_from, classification FROM seizure_events_known
    )
    WHERE name IS NOT NULL AND list_contains(CAST(visible AS VARCHAR[]), classification)
),
matched AS (
    SELECT d.*
    FROM party_directory AS d
    WHERE contains(strip_accents(lower(d.name)), strip_accents(lower(trim(text))))
      AND (d.party_kind = 'listed' OR d.record_key IN (SELECT record_key FROM seen)
           OR d.record_key IN (SELECT name_normalized FROM actor_registry))
)
SELECT
    party_key,
    any_value(party_label) AS party_label,
    any_value(party_kind) AS party_kind,
    any_value(un_list_type) AS un_list_type,
    any_value(country_iso3) AS country_iso3,
    arg_min(name, length(name)) AS matched_name
FROM matched
GROUP BY party_key
ORDER BY party_kind DESC, party_label, party_key
LIMIT 50;
