-- Screened register lines a viewer may see, narrowed by the Screening page filters (empty list =
-- all), each with the delivery it reports (delivery_matched_lines, else its own: one delivery
-- reported by several registers has one delivery_id).
-- The stored screening counts every exemption notification on file; for the viewer, the
-- "on file" part of each exemption-route reason is counted again over the notifications the
-- viewer is cleared for, so a notification above their clearance changes nothing they see.
CREATE MACRO screening_filtered(visible, embargo_ids, verdicts, source_ids, year_from, year_to)
AS TABLE
WITH wanted AS (
    SELECT
        CAST(visible AS VARCHAR[]) AS visible,
        CAST(embargo_ids AS VARCHAR[]) AS embargo_ids,
        CAST(verdicts AS VARCHAR[]) AS verdicts,
        CAST(source_ids AS VARCHAR[]) AS sources
),
screened AS (
    SELECT s.*, e.short_name AS embargo_short_name,
        coalesce(m.delivery_id, s.transfer_id) AS delivery_id
    FROM transfer_screening_known AS s
    JOIN embargoes AS e USING (embargo_id)
    CROSS JOIN wanted AS w
    LEFT JOIN delivery_matched_lines AS m
        ON m.transfer_id = s.transfer_id AND m.clearance = clearance_of(w.visible)
    WHERE list_contains(w.visible, s.classification)
      AND (len(w.embargo_ids) = 0 OR list_contains(w.embargo_ids, s.embargo_id))
      AND (len(w.verdicts) = 0 OR list_contains(w.verdicts, s.verdict))
      AND (len(w.sources) = 0 OR list_contains(w.sources, s.source))
      AND s.delivery_year BETWEEN year_from AND year_to
),
visible_on_file AS (
    SELECT
        s.transfer_id,
        s.embargo_id,
        count(x.notification_id) AS notifications_on_file,
        string_agg(x.notification_id || ' (' || x.procedure || ', ' || x.decision || ')', '; '
                   ORDER BY x.notification_id) AS notifications
    FROM screened AS s
    CROSS JOIN wanted AS w
    JOIN exemptions AS x
        ON x.embargo_id = s.embargo_id
       AND x.submitting_state_iso3 IS NOT DISTINCT FROM s.supplier_iso3
       AND (x.recipient_iso3 IS NULL OR x.recipient_iso3 = s.recipient_iso3)
       AND year(x.date_submitted) BETWEEN s.delivery_year - 1 AND s.delivery_year
       AND x.decision <> 'withdrawn'  -- a withdrawn notification covers nothing
       AND list_contains(w.visible, x.classification)
    WHERE s.reason_kind LIKE 'exemption route, %'
    GROUP BY s.transfer_id, s.embargo_id
)
SELECT s.* REPLACE (
    CASE WHEN s.reason_kind LIKE 'exemption route, %' THEN
        regexp_replace(
            s.reason,
            '; (no matching notification or approval is on file|[0-9]+ matching notification\(s\) on file: .*)\.$',
            ''
        ) || '; ' || CASE
            WHEN coalesce(f.notifications_on_file, 0) = 0
                THEN 'no matching notification or approval is on file'
            ELSE f.notifications_on_file || ' matching notification(s) on file: ' || f.notifications
        END || '.'
    ELSE s.reason END AS reason,
    CASE WHEN s.reason_kind LIKE 'exemption route, %' THEN
        CASE WHEN coalesce(f.notifications_on_file, 0) = 0 THEN 'exemption route, nothing on file'
             ELSE 'exemption route, notification on file' END
    ELSE s.reason_kind END AS reason_kind,
    CASE WHEN s.reason_kind LIKE 'exemption route, %' THEN coalesce(f.notifications_on_file, 0)
         ELSE s.notifications_on_file END AS notifications_on_file
)
FROM screened AS s
LEFT JOIN visible_on_file AS f USING (transfer_id, embargo_id);
