-- The screened deliveries as each clearance sees them (screening_deliveries_grouped over every
-- line the clearance may see), stored after every load and build: the Screening page's counts,
-- summary and list of deliveries, the country profile and the packs filter this table instead
-- of grouping every screened line into deliveries on every call. Grouped once per level that
-- differs (screening_levels) and copied to the levels above the most sensitive one held; the
-- rows of one clearance lie together.
CREATE TABLE screening_delivery_rows AS
SELECT l.clearance, d.* EXCLUDE (clearance)
FROM screening_deliveries_grouped(
    (SELECT list(DISTINCT computed_as) FROM screening_levels()), NULL, [], [], [],
    -2147483648, 2147483647
) AS d
JOIN screening_levels() AS l ON l.computed_as = d.clearance
ORDER BY l.clearance;
COMMENT ON TABLE screening_delivery_rows IS 'Screened deliveries for each clearance (clearance), each once per embargo with every register report of it (reported_by) and the resolutions its reports cite (citations), matched and screened among the lines visible at that clearance; refreshed after every load and build; the Screening page reads it.';
COMMENT ON COLUMN screening_delivery_rows.clearance IS 'The clearance this row set is for: a viewer with it sees these rows (clearance_of).';
