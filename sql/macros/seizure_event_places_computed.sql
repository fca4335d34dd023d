-- Each seizure event's place in words (seizure_event_places, which stores it): its admin-1
-- area (the record's admin1 matched to an area of the same country on the Natural Earth layer by
-- place_key, through the area's name, its ISO 3166-2 code or a common spelling of
-- admin1_aliases; a value that names no area stays as written, flagged) and, for a located event, the
-- nearest town of the same country with its distance. The nearest town is sought in the event's
-- own country: a reader places an event by the towns of the country it was documented in, even a
-- few kilometres from a border. Computed from the events as the warehouse knows them: the
-- current ones, or those known on the "as known on" date. It names seizure_events itself (not
-- the view seizure_events_known), so a small load's refresh can stand the touched events' rows in
-- for it (embargo/warehouse/refresh.py).
CREATE MACRO seizure_event_places_computed() AS TABLE
WITH events AS (
    -- as seizure_events_known: only one side is read
    SELECT * FROM seizure_events WHERE getvariable('known_on') IS NULL
    UNION ALL BY NAME
    SELECT * FROM seizure_events_as_known
),
area_keys AS (
    -- the layer's own name first, then its code, then another spelling, should two meet
    SELECT country_iso3, area_name, place_key(area_name) AS area_key, 0 AS rank FROM admin1_areas
    UNION ALL
    SELECT country_iso3, area_name, place_key(iso_3166_2), 1 FROM admin1_areas
    WHERE iso_3166_2 IS NOT NULL
    UNION ALL
    SELECT country_iso3, area_name, place_key(alias), 2 FROM admin1_aliases
),
areas AS (
    SELECT country_iso3, arg_min(area_name, (rank, area_name)) AS area_name, area_key
    FROM area_keys
    GROUP BY country_iso3, area_key
),
-- each point's cosine once, not once per pair of an event and a town of its country
located AS (
    SELECT event_uid, country_iso3, latitude, longitude, cos(radians(latitude)) AS cos_latitude
    FROM events
    WHERE latitude IS NOT NULL AND longitude IS NOT NULL
),
towns AS (
    SELECT
        country_iso3,
        place_name,
        place_name_fr,
        latitude,
        longitude,
        cos(radians(latitude)) AS cos_latitude
    FROM populated_places
),
distances AS (
    SELECT
        e.event_uid,
        p.place_name,
        p.place_name_fr,
        km_between_cosines(
            e.latitude, e.longitude, e.cos_latitude, p.latitude, p.longitude, p.cos_latitude
        ) AS km
    FROM located AS e
    JOIN towns AS p ON p.country_iso3 = e.country_iso3
),
nearest AS (
    SELECT
        event_uid,
        arg_min(place_name, (km, place_name)) AS nearest_place,
        arg_min(place_name_fr, (km, place_name)) AS nearest_place_fr,
        min(km) AS nearest_place_km
    FROM distances
    GROUP BY event_uid
)
SELECT
    e.event_uid,
    e.classification,
    e.country_iso3,
    nullif(trim(e.admin1), '') AS admin1,
    coalesce(a.area_name, nullif(trim(e.admin1), '')) AS admin1_area,
    a.area_name IS NOT NULL AS admin1_on_layer,
    e.location_name,
    e.latitude IS NOT NULL AND e.longitude IS NOT NULL AS located,
    n.nearest_place,
    coalesce(nullif(n.nearest_place_fr, ''), n.nearest_place) AS nearest_place_fr,
    round(n.nearest_place_km, 1) AS nearest_place_km
FROM events AS e
LEFT JOIN areas AS a ON a.country_iso3 = e.country_iso3 AND a.area_key = place_key(e.admin1)
LEFT JOIN nearest AS n USING (event_uid)
ORDER BY e.event_uid;
