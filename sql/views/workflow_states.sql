-- Where each trace request, exemption notification and panel finding has stood, state by state:
-- one row per version (a trace request first answered in its first file also gets the state
-- pending from the day it was sent), each dated and sourced, with the days spent in it. Only
-- the versions loaded by the "as known on" date count when one is chosen.
CREATE VIEW workflow_states AS
WITH known AS (
    SELECT 'trace request' AS workflow,
        requesting_entity || ' ' || trace_id AS record_id,
        version,
        status AS state,
        CASE WHEN status IN ('responded', 'partial', 'negative', 'declined')
            THEN coalesce(date_response, as_of) ELSE as_of END AS since,
        date_sent AS opened_on,
        file_name, source_row_number, load_id, classification
    FROM trace_request_versions
    WHERE getvariable('known_on') IS NULL
       OR recorded_at < CAST(getvariable('known_on') AS DATE) + 1
    UNION ALL
    SELECT 'exemption notification',
        embargo_id || ' ' || notification_id,
        version,
        decision,
        CASE WHEN decision = 'pending' THEN as_of ELSE coalesce(decision_date, as_of) END,
        date_submitted,
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
        document_date,
        file_name, source_row_number, load_id, classification
    FROM panel_finding_versions
    WHERE getvariable('known_on') IS NULL
       OR recorded_at < CAST(getvariable('known_on') AS DATE) + 1
),
-- a request sent on one day and answered later, known only from its answer: pending until then
sent_first AS (
    SELECT workflow, record_id, 0 AS version, 'pending' AS state, opened_on AS since, opened_on,
        file_name, source_row_number, load_id, classification
    FROM known
    WHERE workflow = 'trace request' AND version = 1
      AND state NOT IN ('pending', 'acknowledged') AND opened_on < since
),
spells AS (
    SELECT * FROM known
    UNION ALL
    SELECT * FROM sent_first
)
SELECT
    workflow,
    record_id,
    version,
    state,
    since,
    lead(since) OVER (PARTITION BY workflow, record_id ORDER BY version) AS until,
    coalesce(lead(since) OVER (PARTITION BY workflow, record_id ORDER BY version), known_day())
        - since AS days_in_state,
    lead(since) OVER (PARTITION BY workflow, record_id ORDER BY version) IS NULL AS current,
    file_name,
    source_row_number,
    load_id,
    classification
FROM spells;
COMMENT ON VIEW workflow_states IS 'The states each trace request (pending, acknowledged, responded, partial, negative, declined, no_response), exemption notification (pending = filed, no_objection, approved, objection, denied, withdrawn, not_required) and panel finding (reported, confirmed, revised, retracted) went through: one row per state, the day it began (since) and ended (until, empty for the state it is in), the days spent in it (to today or the "as known on" date), and the file, row and load it is known from.';
