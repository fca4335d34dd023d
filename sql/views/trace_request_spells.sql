-- The states each trace request went through (the trace requests' part of workflow_states, which
-- reads this): one row per version (only those loaded by the "as known on" date when one is
-- chosen; a request first answered in its first file also gets the state pending from the day it
-- was sent), each dated and sourced, with the day it ended and the days spent in it, and the
-- sending date of the request as it stands (its latest version), by which the Tracing page's
-- period keeps it. A version ends when the next begins: versions are numbered 1, 2, ... and a
-- version is superseded when the next is loaded (ingest/kit/record_format.py), so only the
-- superseded versions look for the next one. A window over every version (sorted by request)
-- took most of the Tracing page's 250 ms at 96,000 requests.
CREATE VIEW trace_request_spells AS
WITH known AS NOT MATERIALIZED (
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
       OR recorded_at < CAST(getvariable('known_on') AS DATE) + 1
),
later AS NOT MATERIALIZED (
    SELECT requesting_entity, trace_id, version, since, opened_on FROM known WHERE version > 1
),
dated AS NOT MATERIALIZED (
    -- a version not superseded is the one the request stands at
    SELECT * EXCLUDE (superseded_at), CAST(NULL AS DATE) AS until, opened_on AS request_sent
    FROM known
    WHERE superseded_at IS NULL
    UNION ALL
    -- a superseded one ended when the next began, if that one is known (by the "as known on"
    -- date); the request stands at its latest version known
    SELECT
        k.* EXCLUDE (superseded_at),
        n.since AS until,
        coalesce(latest.opened_on, k.opened_on) AS request_sent
    FROM known AS k
    LEFT JOIN later AS n
      ON n.requesting_entity = k.requesting_entity AND n.trace_id = k.trace_id
     AND n.version = k.version + 1
    LEFT JOIN (
        SELECT requesting_entity, trace_id, arg_max(opened_on, version) AS opened_on
        FROM later
        GROUP BY requesting_entity, trace_id
    ) AS latest
      ON latest.requesting_entity = k.requesting_entity AND latest.trace_id = k.trace_id
    WHERE k.superseded_at IS NOT NULL
),
spells AS (
    SELECT * FROM dated
    UNION ALL
    -- a request sent on one day and answered later, known only from its answer: pending until then
    SELECT requesting_entity, trace_id, 0 AS version, 'pending' AS state, opened_on AS since,
        opened_on, file_name, source_row_number, load_id, classification, since AS until,
        request_sent
    FROM dated
    WHERE version = 1 AND state NOT IN ('pending', 'acknowledged') AND opened_on < since
)
SELECT
    requesting_entity,
    trace_id,
    requesting_entity || ' ' || trace_id AS record_id,
    version,
    state,
    since,
    until,
    coalesce(until, known_day()) - since AS days_in_state,
    until IS NULL AS current,
    file_name,
    source_row_number,
    load_id,
    classification,
    request_sent
FROM spells;
COMMENT ON VIEW trace_request_spells IS 'The states each trace request went through (pending, acknowledged, responded, partial, negative, declined, no_response): one row per state, the day it began (since) and ended (until, empty for the state it is in), the days spent in it (to today or the "as known on" date), the file, row and load it is known from, and the sending date of the request as it stands (its latest version).';
