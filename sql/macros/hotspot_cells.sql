-- Seizures aggregated on a square grid of cell_degrees: one row per cell with events, item lines
-- and items, for the Hotspots map. Only located events count. Each cell is named by the admin-1
-- area and the nearest town most of its events have (seizure_event_places), in English and French.
-- The counted rows (one per classification and category of an event) are added up per event
-- first: a cell then counts its events without a distinct count, its names are those of most of
-- its events (not of most of their rows), and the places are joined once per event.
CREATE MACRO hotspot_cells(
    visible, date_from, date_to, contexts, categories, entities, cell_degrees,
    countries, areas, near_lat, near_lon, near_km
) AS TABLE
WITH located AS (
    SELECT
        event_uid,
        any_value(latitude) AS latitude,
        any_value(longitude) AS longitude,
        any_value(country_iso3) AS country_iso3,
        any_value(event_date) AS event_date,
        sum(item_lines) AS item_lines,
        sum(items) AS items,
        sum(rounds) AS rounds
    FROM seizure_counts_filtered(visible, date_from, date_to, contexts, categories, entities,
        countries, areas, near_lat, near_lon, near_km
    )
    WHERE latitude IS NOT NULL AND longitude IS NOT NULL
    GROUP BY event_uid
)
SELECT
    floor(f.latitude / cell_degrees) * cell_degrees + cell_degrees / 2 AS cell_lat,
    floor(f.longitude / cell_degrees) * cell_degrees + cell_degrees / 2 AS cell_lon,
    count(*) AS events,
    CAST(sum(f.item_lines) AS BIGINT) AS item_lines,
    coalesce(sum(f.items), 0) AS items,
    coalesce(sum(f.rounds), 0) AS rounds,
    string_agg(DISTINCT f.country_iso3, ', ' ORDER BY f.country_iso3) AS countries,
    min(f.event_date) AS first_event,
    max(f.event_date) AS last_event,
    mode(p.admin1_area) AS admin1_area,
    mode(p.nearest_place) AS nearest_place,
    mode(p.nearest_place_fr) AS nearest_place_fr
FROM located AS f
LEFT JOIN seizure_event_places_known AS p USING (event_uid)
GROUP BY ALL
ORDER BY events DESC, cell_lat, cell_lon;
