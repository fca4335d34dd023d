-- Seizures per country for the choropleth: events, item lines, items and rounds.
CREATE MACRO seizures_by_country(visible, date_from, date_to, contexts, categories, entities)
AS TABLE
SELECT
    country_iso3,
    count(DISTINCT event_uid) AS events,
    count(*) AS item_lines,
    coalesce(sum(quantity) FILTER (WHERE unit = 'items'), 0) AS items,
    coalesce(sum(quantity) FILTER (WHERE unit = 'rounds'), 0) AS rounds
FROM seizure_items_filtered(visible, date_from, date_to, contexts, categories, entities)
GROUP BY country_iso3
ORDER BY events DESC, country_iso3;
