-- Trace requests with their age, response time and whether they established an origin.
CREATE VIEW trace_request_status AS
SELECT
    t.*,
    coalesce(t.date_response, known_day()) - t.date_sent AS age_days,
    CASE WHEN t.date_response IS NOT NULL THEN t.date_response - t.date_sent END AS response_days,
    t.status IN ('responded', 'partial', 'negative') AS answered,
    t.status IN ('pending', 'acknowledged') AS open,
    t.status IN ('responded', 'partial')
        AND (t.last_legal_recipient_iso3 IS NOT NULL OR t.last_legal_recipient_entity IS NOT NULL
             OR t.diversion_point IS NOT NULL) AS origin_established
FROM trace_requests AS t;
COMMENT ON VIEW trace_request_status IS 'Each trace request (its version known on the chosen date, else the current one) with its age in days (to the response, or to that date while open), response time, whether it was answered (responded, partial or negative), whether it is still open (pending or acknowledged) and whether the answer established the last legal recipient or the diversion point.';
