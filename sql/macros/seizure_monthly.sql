-- Monthly seizure counts for the Trends page, split by one dimension: category, context or
-- reporting_entity. country = NULL means every country.
CREATE MACRO seizure_monthly(
    visible, country, date_from, date_to, contexts, categories, entities, dimension,
    countries, areas, near_lat, near_lon, near_km
) AS TABLE
SELECT
    event_month,
    CASE dimension
        WHEN 'context' THEN context
        WHEN 'reporting_entity' THEN reporting_entity
        ELSE category
    END AS series,
    count(DISTINCT event_uid) AS events,
    CAST(sum(item_lines) AS BIGINT) AS item_lines,
    coalesce(sum(items), 0) AS items
FROM seizure_counts_filtered(visible, date_from, date_to, contexts, categories, entities,
    countries, areas, near_lat, near_lon, near_km
)
WHERE CAST(country AS VARCHAR) IS NULL OR country_iso3 = CAST(country AS VARCHAR)
GROUP BY ALL
ORDER BY event_month, series;
