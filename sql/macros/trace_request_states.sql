-- The states (trace_request_spells) of the trace requests trace_requests_filtered keeps: those a
-- viewer may see, sent in [date_from, date_to] and, when a place is asked for, about an event in
-- it. The Tracing page's state history and "where the requests stand" read this, so they follow
-- the page's period and place as its figures and lists do. The columns are workflow_states'.
-- Without a place each state's own row says what trace_requests_filtered would check (every
-- version of a request keeps its classification: ingest/kit/record_format.py; request_sent is
-- the sending date of the version the request stands at) instead of a join of every state to
-- the requests kept; with one, the requests trace_requests_filtered keeps are joined. Only one
-- side is read: the conditions on the parameters are constants of the query.
CREATE MACRO trace_request_states(
    visible, date_from, date_to, countries, areas, near_lat, near_lon, near_km
) AS TABLE
WITH kept AS (
    SELECT s.*
    FROM trace_request_spells AS s
    WHERE len(CAST(countries AS VARCHAR[])) = 0
      AND len(CAST(areas AS VARCHAR[])) = 0
      AND CAST(near_km AS DOUBLE) IS NULL
      AND (CAST(date_from AS DATE) IS NULL OR s.request_sent >= CAST(date_from AS DATE))
      AND (CAST(date_to AS DATE) IS NULL OR s.request_sent <= CAST(date_to AS DATE))
    UNION ALL
    SELECT s.*
    FROM trace_request_spells AS s
    SEMI JOIN trace_requests_filtered(
        visible, date_from, date_to, countries, areas, near_lat, near_lon, near_km
    ) AS t USING (requesting_entity, trace_id)
    WHERE len(CAST(countries AS VARCHAR[])) > 0
       OR len(CAST(areas AS VARCHAR[])) > 0
       OR CAST(near_km AS DOUBLE) IS NOT NULL
)
SELECT
    'trace request' AS workflow,
    record_id,
    version,
    state,
    since,
    until,
    days_in_state,
    current,
    file_name,
    source_row_number,
    load_id,
    classification
FROM kept
WHERE list_contains(CAST(visible AS VARCHAR[]), classification);
