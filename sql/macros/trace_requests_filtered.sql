-- Trace requests (trace_request_status) a viewer may see, sent in [date_from, date_to] (NULL: no
-- bound) and, when a place is asked for, about an item of a seizure event in it: countries (ISO3),
-- admin-1 areas (seizure_event_places.admin1_area), a circle of near_km around (near_lat,
-- near_lon); empty lists and a NULL radius ask for none. Macros take no default values here: a
-- shared catalog (DuckLake) cannot store a NULL or list default. A request
-- whose event is not known (no event_uid) or not visible to the viewer is left out as soon as a
-- place is asked for: it cannot be placed. The Tracing page's figures and lists read this.
CREATE MACRO trace_requests_filtered(
    visible, date_from, date_to, countries, areas, near_lat, near_lon, near_km
) AS TABLE
WITH wanted AS (
    SELECT
        CAST(visible AS VARCHAR[]) AS visible,
        CAST(countries AS VARCHAR[]) AS countries,
        CAST(areas AS VARCHAR[]) AS areas,
        CAST(near_lat AS DOUBLE) AS near_lat,
        CAST(near_lon AS DOUBLE) AS near_lon,
        CAST(near_km AS DOUBLE) AS near_km
),
placed AS (
    SELECT p.event_uid, p.country_iso3, p.admin1_area, e.latitude, e.longitude
    FROM seizure_event_places_known AS p
    JOIN seizure_events_known AS e USING (event_uid)
    , wanted AS w
    WHERE list_contains(w.visible, p.classification)
)
SELECT t.*
FROM trace_request_status AS t
CROSS JOIN wanted AS w
LEFT JOIN placed AS e ON e.event_uid = t.event_uid
WHERE list_contains(w.visible, t.classification)
  AND (CAST(date_from AS DATE) IS NULL OR t.date_sent >= CAST(date_from AS DATE))
  AND (CAST(date_to AS DATE) IS NULL OR t.date_sent <= CAST(date_to AS DATE))
  AND (len(w.countries) = 0 OR list_contains(w.countries, e.country_iso3))
  AND (len(w.areas) = 0 OR list_contains(w.areas, e.admin1_area))
  AND (w.near_km IS NULL OR (
      e.latitude IS NOT NULL
      AND km_between(e.latitude, e.longitude, w.near_lat, w.near_lon) <= w.near_km
  ));
