-- Per state of the trace requests trace_request_states keeps (the Tracing page's period and
-- place): the requests in it now, and the median and longest days spent in it (all spells, ended
-- or not), as workflow_state_summary gives for every request.
CREATE MACRO trace_request_state_summary(
    visible, date_from, date_to, countries, areas, near_lat, near_lon, near_km
) AS TABLE
SELECT
    state,
    count(*) FILTER (WHERE current) AS records_now,
    count(*) AS spells,
    median(days_in_state) AS median_days,
    max(days_in_state) AS longest_days
FROM trace_request_states(visible, date_from, date_to, countries, areas, near_lat, near_lon, near_km)
GROUP BY state
ORDER BY records_now DESC, state;
