-- Counted item lines (seizure_event_category_counts) a viewer may see, in a period, narrowed by
-- context, category and reporting entity (empty list = all) and by place: countries (ISO3),
-- admin-1 areas (seizure_event_places.admin1_area) and a circle of near_km around
-- (near_lat, near_lon) (NULL = anywhere; an event without coordinates is never within it). The
-- Hotspots and Trends queries add these up: count(DISTINCT event_uid) for events,
-- sum(item_lines), sum(items), sum(rounds).
CREATE MACRO seizure_counts_filtered(
    visible, date_from, date_to, contexts, categories, entities,
    countries, areas, near_lat, near_lon, near_km
) AS TABLE
WITH wanted AS (
    SELECT
        CAST(visible AS VARCHAR[]) AS visible,
        CAST(contexts AS VARCHAR[]) AS contexts,
        CAST(categories AS VARCHAR[]) AS categories,
        CAST(entities AS VARCHAR[]) AS entities,
        CAST(countries AS VARCHAR[]) AS countries,
        CAST(areas AS VARCHAR[]) AS areas,
        CAST(near_lat AS DOUBLE) AS near_lat,
        CAST(near_lon AS DOUBLE) AS near_lon,
        CAST(near_km AS DOUBLE) AS near_km
)
SELECT c.*
FROM seizure_event_category_counts_known AS c, wanted AS w
WHERE list_contains(w.visible, c.classification)
  AND c.event_date BETWEEN CAST(date_from AS DATE) AND CAST(date_to AS DATE)
  AND (len(w.contexts) = 0 OR list_contains(w.contexts, c.context))
  AND (len(w.categories) = 0 OR list_contains(w.categories, c.category))
  AND (len(w.entities) = 0 OR list_contains(w.entities, c.reporting_entity))
  AND (len(w.countries) = 0 OR list_contains(w.countries, c.country_iso3))
  AND (len(w.areas) = 0 OR c.event_uid IN (
      SELECT p.event_uid FROM seizure_event_places_known AS p
      WHERE list_contains(CAST(areas AS VARCHAR[]), p.admin1_area)
  ))
  AND (w.near_km IS NULL OR (
      c.latitude IS NOT NULL
      AND km_between(c.latitude, c.longitude, w.near_lat, w.near_lon) <= w.near_km
  ));
