-- Response rate and median response time of trace requests by addressed state or manufacturer,
-- of the requests trace_requests_filtered keeps (NULL dates, empty lists and a NULL radius: all).
CREATE MACRO tracing_by_addressee(visible,
    date_from, date_to, countries, areas, near_lat, near_lon, near_km
) AS TABLE
SELECT
    addressed_to,
    any_value(addressed_to_iso3) AS addressed_to_iso3,
    count(*) AS requests,
    count(*) FILTER (WHERE answered) AS answered,
    count(*) FILTER (WHERE status = 'pending') AS pending,
    count(*) FILTER (WHERE status = 'acknowledged') AS acknowledged,
    count(*) FILTER (WHERE status = 'no_response') AS no_response,
    count(*) FILTER (WHERE status = 'declined') AS declined,
    count(*) FILTER (WHERE status = 'negative') AS negative,
    round(count(*) FILTER (WHERE answered) / count(*), 3) AS response_rate,
    median(response_days) FILTER (WHERE answered) AS median_response_days,
    count(*) FILTER (WHERE origin_established) AS origin_established
FROM trace_requests_filtered(
    visible, date_from, date_to, countries, areas, near_lat, near_lon, near_km
)
GROUP BY addressed_to
ORDER BY requests DESC, addressed_to;
