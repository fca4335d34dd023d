-- The states each trace request went through (the trace requests' part of workflow_states, which
-- reads this): one row per version (trace_request_versions_dated: only those loaded by the "as
-- known on" date when one is chosen), and, for a request first answered in its first file, the
-- state pending from the day it was sent; each dated and sourced, with the day it ended, the days
-- spent in it, and the sending date of the request as it stands, by which the Tracing page's
-- period keeps it.
CREATE VIEW trace_request_spells AS
WITH spells AS (
    SELECT * FROM trace_request_versions_dated
    UNION ALL
    -- a request sent on one day and answered later, known only from its answer: pending until then
    SELECT requesting_entity, trace_id, 0 AS version, 'pending' AS state, opened_on AS since,
        opened_on, file_name, source_row_number, load_id, classification, since AS until,
        request_sent
    FROM trace_request_versions_dated
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
