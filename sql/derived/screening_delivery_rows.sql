-- The screened deliveries as each clearance sees them (screening_deliveries_grouped over every
-- line the clearance may see), stored after every load and build: the Screening page's counts,
-- summary and list of deliveries, the country profile and the packs filter this table instead
-- of grouping every screened line into deliveries on every call. Grouped for the levels that
-- differ only (screening_levels; a viewer reads theirs: sees_row_set); the rows of one
-- clearance lie together.
CREATE TABLE screening_delivery_rows AS
SELECT *
FROM screening_deliveries_grouped(
    NULL, NULL, [], [], [],
    -2147483648, 2147483647
)
ORDER BY clearance;
COMMENT ON TABLE screening_delivery_rows IS 'Screened deliveries for each clearance level held (clearance; viewers above the most sensitive record held read that record''s level: clearance_rank_from and clearance_rank_to), each once per embargo with every register report of it (reported_by) and the resolutions its reports cite (citations), matched and screened among the lines visible at that clearance; refreshed after every load and build; the Screening page reads it.';
COMMENT ON COLUMN screening_delivery_rows.clearance IS 'The clearance this row set is for (row_sets_held).';
COMMENT ON COLUMN screening_delivery_rows.clearance_rank_from IS 'The lowest clearance rank (1 public to 4 strictly confidential) whose viewers read this row set (sees_row_set).';
COMMENT ON COLUMN screening_delivery_rows.clearance_rank_to IS 'The highest clearance rank whose viewers read this row set: above the most sensitive record held, every clearance reads the row set of that record''s level.';
