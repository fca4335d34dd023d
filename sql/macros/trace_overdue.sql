-- Trace requests still open (sent or acknowledged, no answer) more than deadline_days after
-- they were sent, counted to the day the figures stand on (known_day): the overdue list.
CREATE MACRO trace_overdue(visible, deadline_days) AS TABLE
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
FROM trace_request_status
WHERE open
  AND known_day() - date_sent > CAST(deadline_days AS INTEGER)
  AND list_contains(CAST(visible AS VARCHAR[]), classification)
ORDER BY days_overdue DESC, requesting_entity, trace_id;
