-- Screened deliveries of the row set a viewer reads (`row_set_of`, the classifications they may
-- see: sees_row_set; NULL: every row set held) of screening_lines_known, of the lines a viewer
-- may see (`visible`; NULL: every line of the row set) that pass the Screening page
-- filters (screening_wanted), each once per embargo however many registers report it, with
-- every report of it (reported_by: the register, the side that reported, export or import, the
-- number it gives and the line, ordered by register, side and line), the embargo's short name
-- and the resolutions its reports cite (citations). The quantity is the range the reports give
-- (equal when they agree); the weapon is the fullest description among the reports. No ordered
-- aggregate: each (list() or string_agg() with ORDER BY) took several times the rest.
-- screening_delivery_rows stores it; screening_deliveries_filtered reads one or the other.
CREATE MACRO screening_deliveries_grouped(
    row_set_of, visible, embargo_ids, verdicts, source_ids, year_from, year_to
) AS TABLE
SELECT
    s.clearance,
    s.clearance_rank_from,
    s.clearance_rank_to,
    s.delivery_id,
    arg_min(s.supplier, s.transfer_id) AS supplier,
    arg_min(s.supplier_iso3, s.transfer_id) AS supplier_iso3,
    arg_min(s.recipient, s.transfer_id) AS recipient,
    s.recipient_iso3,
    arg_min(s.recipient_actor_type, s.transfer_id) AS recipient_actor_type,
    arg_min(s.weapon_description, (-length(s.weapon_description), s.transfer_id))
        AS weapon_description,
    s.delivery_year,
    min(s.quantity) AS quantity_low,
    max(s.quantity) AS quantity_high,
    count(*) AS reports,
    list_transform(
        list_sort(list({
            'key': (s.source, s.flow IS NOT NULL, s.flow, s.transfer_id),
            'report': {
                'source': s.source, 'flow': s.flow, 'quantity': s.quantity,
                'transfer_id': s.transfer_id
            }
        })),
        line -> line.report
    ) AS reported_by,
    s.embargo_id,
    s.embargo_start,
    s.embargo_end,
    s.window_overlap,
    s.verdict,
    s.reason_kind,
    min(s.reason) AS reason,
    min(s.citation) AS citation,
    any_value(s.embargo_short_name) AS embargo_short_name,
    CASE WHEN count(s.citation) > 0
        THEN array_to_string(list_sort(list_distinct(list(s.citation))), ' | ')
    END AS citations
FROM screening_lines_known AS s
WHERE (row_set_of IS NULL
       OR sees_row_set(s.clearance_rank_from, s.clearance_rank_to, row_set_of))
  AND (visible IS NULL OR list_contains(CAST(visible AS VARCHAR[]), s.classification))
  AND screening_wanted(s.embargo_id, s.verdict, s.source, s.delivery_year, embargo_ids, verdicts,
                       source_ids, year_from, year_to)
GROUP BY s.clearance, s.clearance_rank_from, s.clearance_rank_to, s.delivery_id, s.recipient_iso3, s.delivery_year, s.embargo_id,
    s.embargo_start, s.embargo_end, s.window_overlap, s.verdict, s.reason_kind;
