-- Trace requests (trace_request_status) a viewer may see, sent in [date_from, date_to] (NULL: no
-- bound) and, when a place is asked for, about an item of a seizure event in it: countries (ISO3),
-- admin-1 areas (seizure_event_places.admin1_area), a circle of near_km around (near_lat,
-- near_lon); empty lists and a NULL radius ask for none. Macros take no default values here: a
-- shared catalog (DuckLake) cannot store a NULL or list default. A request
-- whose event is not known (no event_uid) or not visible to the viewer is left out as soon as a
-- place is asked for: it cannot be placed. The Tracing page's figures and lists read this. Without
-- a place only the first half is read, with one only the second (the conditions on the
-- parameters are constants the query drops before it scans): the events' places are joined to
-- the requests only when a place is asked for.
CREATE MACRO trace_requests_filtered(
    visible, date_from, date_to, countries, areas, near_lat, near_lon, near_km
) AS TABLE
SELECT t.*
FROM trace_request_status AS t
WHERE len(CAST(countries AS VARCHAR[])) = 0
  AND len(CAST(areas AS VARCHAR[])) = 0
  AND CAST(near_km AS DOUBLE) IS NULL
  AND list_contains(CAST(visible AS VARCHAR[]), t.classification)
  AND (CAST(date_from AS DATE) IS NULL OR t.date_sent >= CAST(date_from AS DATE))
  AND (CAST(date_to AS DATE) IS NULL OR t.date_sent <= CAST(date_to AS DATE))
UNION ALL BY NAME
SELECT t.*
FROM trace_request_status AS t
JOIN seizure_event_places_known AS p ON p.event_uid = t.event_uid
JOIN seizure_events_known AS e ON e.event_uid = t.event_uid
WHERE (len(CAST(countries AS VARCHAR[])) > 0
       OR len(CAST(areas AS VARCHAR[])) > 0
       OR CAST(near_km AS DOUBLE) IS NOT NULL)
  AND list_contains(CAST(visible AS VARCHAR[]), t.classification)
  AND list_contains(CAST(visible AS VARCHAR[]), p.classification)
  AND (CAST(date_from AS DATE) IS NULL OR t.date_sent >= CAST(date_from AS DATE))
  AND (CAST(date_to AS DATE) IS NULL OR t.date_sent <= CAST(date_to AS DATE))
  AND (len(CAST(countries AS VARCHAR[])) = 0
       OR list_contains(CAST(countries AS VARCHAR[]), p.country_iso3))
  AND (len(CAST(areas AS VARCHAR[])) = 0
       OR list_contains(CAST(areas AS VARCHAR[]), p.admin1_area))
  AND (CAST(near_km AS DOUBLE) IS NULL OR (
      e.latitude IS NOT NULL
      AND km_between(e.latitude, e.longitude, CAST(near_lat AS DOUBLE), CAST(near_lon AS DOUBLE))
          <= CAST(near_km AS DOUBLE)
  ));
