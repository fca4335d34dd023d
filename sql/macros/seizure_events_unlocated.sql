-- Seizure events without coordinates that a viewer may see and that the seizure pages' filters
-- otherwise keep (period, context, category, entity, countries, admin-1 areas): the events a map
-- cannot draw, listed so none is silently off it. A radius around a town cannot be judged without
-- coordinates, so it is not applied here; the list names each event's place as written.
CREATE MACRO seizure_events_unlocated(
    visible, date_from, date_to, contexts, categories, entities,
    countries, areas
) AS TABLE
WITH counted AS (
    SELECT
        event_uid,
        CAST(sum(item_lines) AS BIGINT) AS item_lines,
        coalesce(sum(items), 0) AS items,
        coalesce(sum(rounds), 0) AS rounds
    FROM seizure_counts_filtered(
        visible, date_from, date_to, contexts, categories, entities,
        countries, areas, NULL, NULL, NULL
    )
    WHERE latitude IS NULL OR longitude IS NULL
    GROUP BY event_uid
)
SELECT
    e.event_id,
    e.event_date,
    e.country_iso3,
    p.admin1_area,
    e.location_name,
    e.context,
    e.reporting_entity,
    c.item_lines,
    c.items,
    c.rounds,
    e.source_document,
    e.file_name,
    e.source_row_number,
    e.classification,
    e.event_uid
FROM counted AS c
JOIN seizure_events_known AS e USING (event_uid)
LEFT JOIN seizure_event_places_known AS p USING (event_uid)
ORDER BY e.event_date DESC, e.country_iso3, e.event_uid;
