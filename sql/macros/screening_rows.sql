-- Screened deliveries (screening_filtered) with the columns the Screening page shows and its CSV
-- download holds, most serious verdict first, then by embargo, delivery year and transfer.
CREATE MACRO screening_rows(visible, embargo_ids, verdicts, source_ids, year_from, year_to)
AS TABLE
SELECT
    transfer_id, source, supplier, supplier_iso3, recipient, recipient_iso3,
    recipient_actor_type, weapon_description, delivery_year, quantity, embargo_id,
    embargo_start, embargo_end, window_overlap, verdict, reason_kind, reason, citation,
    file_name, source_row_number
FROM screening_filtered(visible, embargo_ids, verdicts, source_ids, year_from, year_to)
ORDER BY
    list_position(
        ['violation_indicator', 'exemption_check', 'partial_overlap', 'outside_window'], verdict
    ),
    embargo_id, delivery_year, transfer_id;
