-- Seizures aggregated on a square grid of cell_degrees: one row per cell with events, item lines
-- and items, for the Hotspots map. Only located events count.
CREATE MACRO hotspot_cells(
    visible, date_from, date_to, contexts, categories, entities, cell_degrees
) AS TABLE
SELECT
    floor(latitude / cell_degrees) * cell_degrees + cell_degrees / 2 AS cell_lat,
    floor(longitude / cell_degrees) * cell_degrees + cell_degrees / 2 AS cell_lon,
    count(DISTINCT event_uid) AS events,
    CAST(sum(item_lines) AS BIGINT) AS item_lines,
    coalesce(sum(items), 0) AS items,
    coalesce(sum(rounds), 0) AS rounds,
    string_agg(DISTINCT country_iso3, ', ' ORDER BY country_iso3) AS countries,
    min(event_date) AS first_event,
    max(event_date) AS last_event
FROM seizure_counts_filtered(visible, date_from, date_to, contexts, categories, entities)
WHERE latitude IS NOT NULL AND longitude IS NOT NULL
GROUP BY ALL
ORDER BY events DESC, cell_lat, cell_lon;
