-- The row sets delivery_groups holds (row_sets_held): one per clearance up to the most sensitive
-- register line the warehouse holds, that one read by every clearance above it too (when every
-- line is public, one row set instead of four).
CREATE MACRO transfer_levels() AS TABLE
SELECT *
FROM row_sets_held((
    SELECT coalesce(max(list_position(
        ['public', 'restricted', 'confidential', 'strictly_confidential'], classification
    )), 1)
    FROM transfers
));
