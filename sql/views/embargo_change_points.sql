-- Embargo changes placed on a time axis: partial dates fall on the first day of their month or year.
CREATE VIEW embargo_change_points AS
SELECT
    ch.embargo_id,
    e.short_name || ' ' || year(e.start_date) AS timeline_label,
    ch.change_seq,
    ch.resolution,
    ch.change_date,
    ch.date_precision,
    CAST(CASE ch.date_precision
        WHEN 'day' THEN ch.change_date
        WHEN 'month' THEN ch.change_date || '-01'
        ELSE ch.change_date || '-01-01'
    END AS DATE) AS change_point_date,
    ch.change_kind,
    ch.change,
    ch.change_fr
FROM embargo_changes AS ch
JOIN embargoes AS e USING (embargo_id)
ORDER BY ch.embargo_id, ch.change_seq;
COMMENT ON VIEW embargo_change_points IS 'Embargo changes with a plottable date: a change known only to the month or year is placed on its first day; date_precision says which.';
