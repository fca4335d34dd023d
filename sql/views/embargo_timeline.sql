-- One row per embargo for the timeline: its span, kind and the count of changes, in start order.
CREATE VIEW embargo_timeline AS
SELECT
    e.embargo_id,
    e.episode_id,
    e.target_name,
    e.target_name_fr,
    e.short_name || ' ' || year(e.start_date) AS timeline_label,
    e.target_iso3,
    e.target_kind,
    e.mandatory,
    e.imposed_by,
    e.start_date,
    e.end_date,
    e.ended_by,
    e.status,
    e.status_projected,
    e.end_date IS NULL AND e.status <> 'in force' AS end_not_verified,
    s.in_force_until,
    s.span_basis,
    (SELECT count(*) FROM embargo_changes AS ch WHERE ch.embargo_id = e.embargo_id) AS change_count
FROM embargoes AS e
JOIN embargo_spans AS s USING (embargo_id)
ORDER BY e.start_date, e.embargo_id;
COMMENT ON VIEW embargo_timeline IS 'Each embargo with its span, kind, imposing and ending resolutions and number of recorded changes; end_not_verified marks voluntary calls that lapsed at an unverified date; in_force_until is the end of the span counted as in force (exclusive).';
