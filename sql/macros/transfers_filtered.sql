-- Transfers a viewer may see, narrowed by the Transfers and Flows page filters
-- (transfer_lines_filtered), each line with the delivery it reports (delivery_matched_lines, else
-- its own), which several registers' lines may share. Empty lists mean "all"; visible is the
-- list of classifications the viewer is cleared for.
CREATE MACRO transfers_filtered(
    visible, supplier_codes, recipient_codes, categories, source_ids, year_from, year_to
) AS TABLE
SELECT t.*, coalesce(m.delivery_id, t.transfer_id) AS delivery_id
FROM transfer_lines_filtered(
    visible, supplier_codes, recipient_codes, categories, source_ids, year_from, year_to
) AS t
LEFT JOIN delivery_matched_lines AS m
    ON m.transfer_id = t.transfer_id AND m.clearance = clearance_of(visible);
