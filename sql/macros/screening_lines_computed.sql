-- The screened register lines (transfer_screening_known, which follows the "as known on" date)
-- as each clearance sees them: one row set per clearance (as deliveries are matched), each
-- line a viewer with that clearance may see, with the delivery it reports at that clearance,
-- the embargo's short name and the line's flow. The stored screening counts every exemption
-- notification on file; here the "on file" part of each exemption-route reason is counted again
-- over the notifications the clearance may see, so a notification above a viewer's clearance
-- changes nothing they see. Computed for the levels that differ only (screening_levels: a
-- viewer above the most sensitive record held reads the row set of that record's level,
-- sees_row_set). screening_lines stores it.
CREATE MACRO screening_lines_computed() AS TABLE
WITH levels AS (
    SELECT * FROM screening_levels()
),
screened AS (
    -- each line for each level computed that may see it, with the delivery it reports at that
    -- level (delivery_matched_lines, else its own)
    SELECT
        v.clearance,
        v.clearance_rank_from,
        v.clearance_rank_to,
        s.*,
        e.short_name AS embargo_short_name,
        coalesce(m.delivery_id, s.transfer_id) AS delivery_id,
        t.flow
    FROM transfer_screening_known AS s
    JOIN embargoes AS e USING (embargo_id)
    JOIN levels AS v
        ON list_position(['public', 'restricted', 'confidential', 'strictly_confidential'],
                         s.classification)
           <= v.clearance_rank_from
    LEFT JOIN delivery_matched_lines AS m
        ON m.transfer_id = s.transfer_id AND m.clearance = v.clearance
    JOIN transfers AS t ON t.transfer_id = s.transfer_id
),
visible_on_file AS (
    -- the exemption-route lines only (a few), read again rather than from screened, which
    -- would then be held in memory whole
    SELECT
        v.clearance,
        s.transfer_id,
        s.embargo_id,
        count(x.notification_id) AS notifications_on_file,
        string_agg(x.notification_id || ' (' || x.procedure || ', ' || x.decision || ')', '; '
                   ORDER BY x.notification_id) AS notifications
    FROM transfer_screening_known AS s
    JOIN levels AS v
        ON list_position(['public', 'restricted', 'confidential', 'strictly_confidential'],
                         s.classification)
           <= v.clearance_rank_from
    JOIN exemptions AS x
        ON x.embargo_id = s.embargo_id
       AND x.submitting_state_iso3 IS NOT DISTINCT FROM s.supplier_iso3
       AND (x.recipient_iso3 IS NULL OR x.recipient_iso3 = s.recipient_iso3)
       AND year(x.date_submitted) BETWEEN s.delivery_year - 1 AND s.delivery_year
       AND x.decision <> 'withdrawn'  -- a withdrawn notification covers nothing
       AND list_contains(levels_visible_at(v.clearance), x.classification)
    WHERE s.reason_kind LIKE 'exemption route, %'
    GROUP BY v.clearance, s.transfer_id, s.embargo_id
),
computed AS (
    SELECT s.* REPLACE (
        CASE WHEN s.reason_kind LIKE 'exemption route, %' THEN
            regexp_replace(
                s.reason,
                '; (no matching notification or approval is on file|[0-9]+ matching notification\(s\) on file: .*)\.$',
                ''
            ) || '; ' || CASE
                WHEN coalesce(f.notifications_on_file, 0) = 0
                    THEN 'no matching notification or approval is on file'
                ELSE f.notifications_on_file || ' matching notification(s) on file: '
                     || f.notifications
            END || '.'
        ELSE s.reason END AS reason,
        CASE WHEN s.reason_kind LIKE 'exemption route, %' THEN
            CASE WHEN coalesce(f.notifications_on_file, 0) = 0
                 THEN 'exemption route, nothing on file'
                 ELSE 'exemption route, notification on file' END
        ELSE s.reason_kind END AS reason_kind,
        CASE WHEN s.reason_kind LIKE 'exemption route, %'
             THEN coalesce(f.notifications_on_file, 0)
             ELSE s.notifications_on_file END AS notifications_on_file
    )
    FROM screened AS s
    LEFT JOIN visible_on_file AS f USING (clearance, transfer_id, embargo_id)
)
SELECT * FROM computed;
