-- Counted item lines (seizure_event_category_counts) a viewer may see, in a period, narrowed by
-- context, category and reporting entity (empty list = all) and by place: countries (ISO3),
-- admin-1 areas (seizure_event_places.admin1_area) and a circle of near_km around
-- (near_lat, near_lon) (NULL = anywhere; an event without coordinates is never within it). The
-- Hotspots and Trends queries add these up: count(DISTINCT event_uid) for events,
-- sum(item_lines), sum(items), sum(rounds). The filters are written on the parameters themselves
-- (no CTE of them, which the query would join to every row): an empty list or a NULL radius then
-- makes its condition a constant the query drops before it scans.
CREATE MACRO seizure_counts_filtered(
    visible, date_from, date_to, contexts, categories, entities,
    countries, areas, near_lat, near_lon, near_km
) AS TABLE
SELECT c.*
FROM seizure_event_category_counts_known AS c
WHERE list_contains(CAST(visible AS VARCHAR[]), c.classification)
  AND c.event_date BETWEEN CAST(date_from AS DATE) AND CAST(date_to AS DATE)
  AND (len(CAST(contexts AS VARCHAR[])) = 0
       OR list_contains(CAST(contexts AS VARCHAR[]), c.context))
  AND (len(CAST(categories AS VARCHAR[])) = 0
       OR list_contains(CAST(categories AS VARCHAR[]), c.category))
  AND (len(CAST(entities AS VARCHAR[])) = 0
       OR list_contains(CAST(entities AS VARCHAR[]), c.reporting_entity))
  AND (len(CAST(countries AS VARCHAR[])) = 0
       OR list_contains(CAST(countries AS VARCHAR[]), c.country_iso3))
  AND (len(CAST(areas AS VARCHAR[])) = 0 OR c.event_uid IN (
      SELECT p.event_uid FROM seizure_event_places_known AS p
      WHERE list_contains(CAST(areas AS VARCHAR[]), p.admin1_area)
  ))
  AND (CAST(near_km AS DOUBLE) IS NULL OR (
      c.latitude IS NOT NULL
      AND km_between(c.latitude, c.longitude, CAST(near_lat AS DOUBLE), CAST(near_lon AS DOUBLE))
          <= CAST(near_km AS DOUBLE)
  ));
