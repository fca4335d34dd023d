-- Every regime's dated changes (renewals, changes, ends, and the resolutions recorded after the
-- reference table's release) from since_date on, newest first: the "changes in the last N
-- months" view. A change dated to a month or a year only counts from its first day.
CREATE MACRO embargo_changes_since(since_date) AS TABLE
SELECT
    c.change_date,
    c.embargo_id,
    e.short_name AS embargo_short_name,
    c.change_kind,
    c.resolution,
    c.change,
    c.change_fr,
    c.load_id IN (SELECT load_id FROM embargo_change_records) AS recorded_after_release
FROM embargo_changes AS c
JOIN embargoes AS e USING (embargo_id)
WHERE CAST(
    CASE length(c.change_date)
        WHEN 4 THEN c.change_date || '-01-01'
        WHEN 7 THEN c.change_date || '-01'
        ELSE c.change_date
    END AS DATE
) >= CAST(since_date AS DATE)
ORDER BY c.change_date DESC, e.short_name, c.change_seq DESC;
