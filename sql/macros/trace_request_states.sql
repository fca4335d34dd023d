-- The states (workflow_states) of the trace requests trace_requests_filtered keeps: those a viewer
-- may see, sent in [date_from, date_to] and, when a place is asked for, about an event in it. The
-- Tracing page's state history and "where the requests stand" read this, so they follow the
-- page's period and place as its figures and lists do.
CREATE MACRO trace_request_states(
    visible, date_from, date_to, countries, areas, near_lat, near_lon, near_km
) AS TABLE
SELECT s.*
FROM workflow_states AS s
WHERE s.workflow = 'trace request'
  AND list_contains(CAST(visible AS VARCHAR[]), s.classification)
  AND s.record_id IN (
      SELECT requesting_entity || ' ' || trace_id
      FROM trace_requests_filtered(
          visible, date_from, date_to, countries, areas, near_lat, near_lon, near_km
      )
  );
