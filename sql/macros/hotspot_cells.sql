-- Seizures aggregated on a square grid of cell_degrees: one row per cell with events, item lines
-- and items, for the Hotspots map. Only located events count. Each cell is named by the admin-1
-- area and the nearest town most of its events have (seizure_event_places), in English and French.
CREATE MACRO hotspot_cells(
    visible, date_from, date_to, contexts, categories, entities, cell_degrees,
    countries, areas, near_lat, near_lon, near_km
) AS TABLE
SELECT
    floor(f.latitude / cell_degrees) * cell_degrees + cell_degrees / 2 AS cell_lat,
    floor(f.longitude / cell_degrees) * cell_degrees + cell_degrees / 2 AS cell_lon,
    count(DISTINCT event_uid) AS events,
    CAST(sum(item_lines) AS BIGINT) AS item_lines,
    coalesce(sum(items), 0) AS items,
    coalesce(sum(rounds), 0) AS rounds,
    string_agg(DISTINCT f.country_iso3, ', ' ORDER BY f.country_iso3) AS countries,
    min(event_date) AS first_event,
    max(event_date) AS last_event,
    mode(p.admin1_area) AS admin1_area,
    mode(p.nearest_place) AS nearest_place,
    mode(p.nearest_place_fr) AS nearest_place_fr
FROM seizure_counts_filtered(visible, date_from, date_to, contexts, categories, entities,
    countries, areas, near_lat, near_lon, near_km
) AS f
LEFT JOIN seizure_event_places_known AS p USING (event_uid)
WHERE f.latitude IS NOT NULL AND f.longitude IS NOT NULL
GROUP BY ALL
ORDER BY events DESC, cell_lat, cell_lon;
