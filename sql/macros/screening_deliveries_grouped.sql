-- Screened deliveries (screening_filtered), each once per embargo however many registers report
-- it, with every report of it (reported_by: the register, the side that reported, export or
-- import, the number it gives and the line), the embargo's short name and the resolutions the
-- reports cite (citations). The quantity is the range the reports give (equal when they agree).
-- The weapon is the fullest description among the reports. screening_delivery_rows stores it
-- for each clearance; screening_deliveries_filtered reads one or the other.
CREATE MACRO screening_deliveries_grouped(
    visible, embargo_ids, verdicts, source_ids, year_from, year_to
) AS TABLE
SELECT
    s.delivery_id,
    any_value(s.supplier ORDER BY s.transfer_id) AS supplier,
    any_value(s.supplier_iso3 ORDER BY s.transfer_id) AS supplier_iso3,
    any_value(s.recipient ORDER BY s.transfer_id) AS recipient,
    s.recipient_iso3,
    any_value(s.recipient_actor_type ORDER BY s.transfer_id) AS recipient_actor_type,
    first(s.weapon_description ORDER BY length(s.weapon_description) DESC, s.transfer_id)
        AS weapon_description,
    s.delivery_year,
    min(s.quantity) AS quantity_low,
    max(s.quantity) AS quantity_high,
    count(*) AS reports,
    list(
        {'source': s.source, 'flow': s.flow, 'quantity': s.quantity, 'transfer_id': s.transfer_id}
        ORDER BY s.source, s.flow NULLS FIRST, s.transfer_id
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
    string_agg(DISTINCT s.citation, ' | ' ORDER BY s.citation) AS citations
FROM screening_filtered(visible, embargo_ids, verdicts, source_ids, year_from, year_to) AS s
GROUP BY s.delivery_id, s.recipient_iso3, s.delivery_year, s.embargo_id, s.embargo_start,
    s.embargo_end, s.window_overlap, s.verdict, s.reason_kind;
