-- Trace requests a viewer may see about items documented in a country, sent in [year_from,
-- year_to], by status: requests, answers, established origins and the median days to an answer.
CREATE MACRO country_tracing_outcomes(visible, country, year_from, year_to) AS TABLE
SELECT
    t.status,
    count(*) AS requests,
    count(*) FILTER (WHERE t.answered) AS answered,
    count(*) FILTER (WHERE t.origin_established) AS origin_established,
    median(t.response_days) FILTER (WHERE t.answered) AS median_response_days
FROM trace_request_status AS t
JOIN seizure_events_known AS e USING (event_uid)
WHERE e.country_iso3 = country
  AND year(t.date_sent) BETWEEN year_from AND year_to
  AND list_contains(visible, t.classification)
  -- the event gives the request its country: both must be visible
  AND list_contains(visible, e.classification)
GROUP BY t.status
ORDER BY list_position(['responded', 'partial', 'negative', 'acknowledged', 'pending', 'no_response', 'declined'], t.status);
