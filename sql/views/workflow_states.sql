-- Where each trace request, exemption notification and panel finding has stood, state by state:
-- one row per version (a trace request first answered in its first file also gets the state
-- pending from the day it was sent: trace_request_spells), each dated and sourced, with the days
-- spent in it. Only the versions loaded by the "as known on" date count when one is chosen.
CREATE VIEW workflow_states AS
WITH known AS (
    SELECT 'exemption notification' AS workflow,
        embargo_id || ' ' || notification_id AS record_id,
        version,
        decision AS state,
        CASE WHEN decision = 'pending' THEN as_of ELSE coalesce(decision_date, as_of) END AS since,
        file_name, source_row_number, load_id, classification
    FROM exemption_versions
    WHERE getvariable('known_on') IS NULL
       OR recorded_at < CAST(getvariable('known_on') AS DATE) + 1
    UNION ALL
    SELECT 'panel finding',
        finding_uid,
        version,
        status,
        as_of,
        file_name, source_row_number, load_id, classification
    FROM panel_finding_versions
    WHERE getvariable('known_on') IS NULL
       OR recorded_at < CAST(getvariable('known_on') AS DATE) + 1
),
dated AS (
    SELECT
        *,
        lead(since) OVER (PARTITION BY workflow, record_id ORDER BY version) AS until
    FROM known
)
SELECT
    'trace request' AS workflow,
    record_id,
    version,
    state,
    since,
    until,
    days_in_state,
    current,
    file_name,
    source_row_number,
    load_id,
    classification
FROM trace_request_spells
UNION ALL
SELECT
    workflow,
    record_id,
    version,
    state,
    since,
    until,
    coalesce(until, known_day()) - since AS days_in_state,
    until IS NULL AS current,
    file_name,
    source_row_number,
    load_id,
    classification
FROM dated;
COMMENT ON VIEW workflow_states IS 'The states each trace request (pending, acknowledged, responded, partial, negative, declined, no_response), exemption notification (pending = filed, no_objection, approved, objection, denied, withdrawn, not_required) and panel finding (reported, confirmed, revised, retracted) went through: one row per state, the day it began (since) and ended (until, empty for the state it is in), the days spent in it (to today or the "as known on" date), and the file, row and load it is known from.';
