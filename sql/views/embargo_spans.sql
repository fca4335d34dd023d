-- When each embargo can be said to be in force: from adoption to its end. A voluntary call that
-- lapsed at a date no source gives counts only up to the last date it is known to have applied
-- (its latest recorded change, else its adoption). A termination an administrator recorded after
-- the reference table's release (embargo_change_records) ends an embargo from its adoption.
CREATE VIEW embargo_spans AS
WITH last_known AS (
    SELECT embargo_id, max(change_point_date) AS last_known_date
    FROM embargo_change_points
    GROUP BY embargo_id
),
terminated AS (
    SELECT embargo_id, min(adopted_on) AS terminated_on
    FROM embargo_change_records
    WHERE change_kind = 'termination'
    GROUP BY embargo_id
)
SELECT
    e.embargo_id,
    e.start_date AS in_force_from,
    CASE
        WHEN e.end_date IS NOT NULL THEN e.end_date
        WHEN t.terminated_on IS NOT NULL THEN t.terminated_on
        WHEN e.status = 'in force' THEN NULL
        ELSE CAST(coalesce(k.last_known_date, e.start_date) + INTERVAL 1 DAY AS DATE)
    END AS in_force_until,
    CASE
        WHEN e.end_date IS NOT NULL THEN 'end date'
        WHEN t.terminated_on IS NOT NULL THEN 'termination recorded'
        WHEN e.status = 'in force' THEN 'in force'
        ELSE 'lapsed at an unverified date: counted up to the last date known to apply'
    END AS span_basis
FROM embargoes AS e
LEFT JOIN last_known AS k USING (embargo_id)
LEFT JOIN terminated AS t USING (embargo_id);
COMMENT ON VIEW embargo_spans IS 'Span in which each embargo counts as in force (in_force_until exclusive). Voluntary calls that lapsed at an unverified date count up to their last recorded change.';
