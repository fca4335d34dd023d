-- The row sets the stored screening holds (row_sets_held): one per clearance up to the most
-- sensitive line or notification the warehouse holds, that one read by every clearance above it
-- too (when every line and notification is public, one row set instead of four).
CREATE MACRO screening_levels() AS TABLE
SELECT *
FROM row_sets_held((
    SELECT coalesce(max(list_position(
        ['public', 'restricted', 'confidential', 'strictly_confidential'], classification
    )), 1)
    FROM (
        SELECT classification FROM transfers
        UNION ALL
        SELECT classification FROM exemptions
    )
));
