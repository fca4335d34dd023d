-- The screened deliveries as each clearance sees them (screening_deliveries_grouped over every
-- line the clearance may see), stored after every load and build: the Screening page's counts,
-- summary and list of deliveries, the country profile and the packs filter this table instead
-- of grouping every screened line into deliveries on every call. The rows of one clearance lie
-- together, in the order the Screening page lists them.
CREATE TABLE screening_delivery_rows AS
SELECT * FROM (
SELECT 'public' AS clearance, *
FROM screening_deliveries_grouped(['public'], [], [], [], -2147483648, 2147483647)
UNION ALL
SELECT 'restricted' AS clearance, *
FROM screening_deliveries_grouped(['public', 'restricted'], [], [], [], -2147483648, 2147483647)
UNION ALL
SELECT 'confidential' AS clearance, *
FROM screening_deliveries_grouped(
    ['public', 'restricted', 'confidential'], [], [], [], -2147483648, 2147483647
)
UNION ALL
SELECT 'strictly_confidential' AS clearance, *
FROM screening_deliveries_grouped(
    ['public', 'restricted', 'confidential', 'strictly_confidential'], [], [], [],
    -2147483648, 2147483647
)
)
ORDER BY
    clearance,
    list_position(
        ['violation_indicator', 'exemption_check', 'partial_overlap', 'outside_window'], verdict
    ),
    embargo_id, delivery_year, delivery_id;
COMMENT ON TABLE screening_delivery_rows IS 'Screened deliveries for each clearance (clearance), each once per embargo with every register report of it (reported_by) and the resolutions its reports cite (citations), matched and screened among the lines visible at that clearance; refreshed after every load and build; the Screening page reads it.';
COMMENT ON COLUMN screening_delivery_rows.clearance IS 'The clearance this row set is for: a viewer with it sees these rows (clearance_of).';
