-- Transfers a viewer may see, narrowed by the Transfers and Flows page filters. Empty lists mean
-- "all"; visible is the list of classifications the viewer is cleared for. Each line carries the
-- delivery it reports (delivery_matched_lines, else its own), which several registers' lines may
-- share.
CREATE MACRO transfers_filtered(
    visible, supplier_codes, recipient_codes, categories, source_ids, year_from, year_to
) AS TABLE
WITH wanted AS (
    SELECT
        CAST(visible AS VARCHAR[]) AS visible,
        CAST(supplier_codes AS VARCHAR[]) AS suppliers,
        CAST(recipient_codes AS VARCHAR[]) AS recipients,
        CAST(categories AS VARCHAR[]) AS categories,
        CAST(source_ids AS VARCHAR[]) AS sources
)
SELECT t.*, coalesce(m.delivery_id, t.transfer_id) AS delivery_id
FROM transfers AS t
CROSS JOIN wanted AS w
LEFT JOIN delivery_matched_lines AS m
    ON m.transfer_id = t.transfer_id AND m.clearance = clearance_of(w.visible)
WHERE list_contains(w.visible, t.classification)
  AND NOT t.is_nil_report
  AND (len(w.suppliers) = 0 OR list_contains(w.suppliers, t.supplier_iso3))
  AND (len(w.recipients) = 0 OR list_contains(w.recipients, t.recipient_iso3))
  AND (len(w.categories) = 0 OR list_contains(w.categories, t.category))
  AND (len(w.sources) = 0 OR list_contains(w.sources, t.source_id))
  AND coalesce(t.delivery_year, t.order_year) BETWEEN year_from AND year_to;
