-- Each version of each trace request the warehouse knows (only those loaded by the "as known on"
-- date when one is chosen), with the state it stands in and the day that state began (the answer's
-- day for an answer, else the day the version stands on): what trace_request_spells dates. A view,
-- so that each reader plans its own scan (a query naming it several times reads only the rows
-- each part needs, where a CTE named several times is materialized whole).
CREATE VIEW trace_request_version_states AS
SELECT
    requesting_entity,
    trace_id,
    version,
    status AS state,
    CASE WHEN status IN ('responded', 'partial', 'negative', 'declined')
        THEN coalesce(date_response, as_of) ELSE as_of END AS since,
    date_sent AS opened_on,
    superseded_at,
    file_name, source_row_number, load_id, classification
FROM trace_request_versions
WHERE getvariable('known_on') IS NULL
   OR recorded_at < CAST(getvariable('known_on') AS DATE) + 1;
COMMENT ON VIEW trace_request_version_states IS 'Each version of each trace request known (by the "as known on" date when one is chosen): the state it stands in, the day that state began (since), the day the request was sent (opened_on), when the version was superseded, and the file, row, load and classification it comes from.';
