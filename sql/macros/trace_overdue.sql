-- Trace requests still open (sent or acknowledged, no answer) more than deadline_days after
-- they were sent, counted to the day the figures stand on (known_day): the overdue list, of the
-- requests trace_requests_filtered keeps (NULL dates, empty lists and a NULL radius: all).
CREATE MACRO trace_overdue(visible, deadline_days,
    date_from, date_to, countries, areas, near_lat, near_lon, near_km
) AS TABLE
SELECT
    trace_id,
    requesting_entity,
    addressed_to,
    addressed_to_iso3,
    event_id,
    serial_number,
    status,
    date_sent,
    date_sent + CAST(deadline_days AS INTEGER) AS deadline,
    known_day() - (date_sent + CAST(deadline_days AS INTEGER)) AS days_overdue,
    file_name,
    source_row_number
FROM trace_requests_filtered(
    visible, date_from, date_to, countries, areas, near_lat, near_lon, near_km
)
WHERE open
  AND known_day() - date_sent > CAST(deadline_days AS INTEGER)
ORDER BY days_overdue DESC, requesting_entity, trace_id;
