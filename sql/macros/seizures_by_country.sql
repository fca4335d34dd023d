-- Seizures per country for the choropleth: events, item lines, items and rounds.
CREATE MACRO seizures_by_country(visible, date_from, date_to, contexts, categories, entities,
    countries, areas, near_lat, near_lon, near_km
)
AS TABLE
SELECT
    country_iso3,
    count(DISTINCT event_uid) AS events,
    CAST(sum(item_lines) AS BIGINT) AS item_lines,
    coalesce(sum(items), 0) AS items,
    coalesce(sum(rounds), 0) AS rounds
FROM seizure_counts_filtered(visible, date_from, date_to, contexts, categories, entities,
    countries, areas, near_lat, near_lon, near_km
)
GROUP BY country_iso3
ORDER BY events DESC, country_iso3;
