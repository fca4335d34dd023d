-- Register lines a viewer may see, narrowed by the Transfers and Flows page filters: the lines
-- of transfers_filtered without the delivery each reports. Counting or ordering the lines needs
-- no join of a million lines to their deliveries. Empty lists mean "all"; visible is
-- the list of classifications the viewer is cleared for. The filters are written on the
-- parameters themselves (no CTE of them): an empty list then makes its condition a constant the
-- query drops before it scans.
CREATE MACRO transfer_lines_filtered(
    visible, supplier_codes, recipient_codes, categories, source_ids, year_from, year_to
) AS TABLE
SELECT t.*
FROM transfers AS t
WHERE list_contains(CAST(visible AS VARCHAR[]), t.classification)
  AND NOT t.is_nil_report
  AND (len(CAST(supplier_codes AS VARCHAR[])) = 0
       OR list_contains(CAST(supplier_codes AS VARCHAR[]), t.supplier_iso3))
  AND (len(CAST(recipient_codes AS VARCHAR[])) = 0
       OR list_contains(CAST(recipient_codes AS VARCHAR[]), t.recipient_iso3))
  AND (len(CAST(categories AS VARCHAR[])) = 0
       OR list_contains(CAST(categories AS VARCHAR[]), t.category))
  AND (len(CAST(source_ids AS VARCHAR[])) = 0
       OR list_contains(CAST(source_ids AS VARCHAR[]), t.source_id))
  AND coalesce(t.delivery_year, t.order_year) BETWEEN year_from AND year_to;
