-- The screened register lines as each clearance sees them (screening_lines_computed), stored
-- after every load and build: the Screening page, its downloads, the country profile and the
-- packs filter this table instead of joining the screening to the delivery matching and the
-- exemption notifications on every call (seconds at a million deliveries). The rows of one
-- clearance lie together (each viewer reads one: the zone maps skip the others); sorting them
-- further, in the order the page lists them, took more CPU than the whole computation.
CREATE TABLE screening_lines AS
SELECT * FROM screening_lines_computed()
ORDER BY clearance;
COMMENT ON TABLE screening_lines IS 'Screened register lines for each clearance that may see them (clearance), with the delivery each reports at that clearance and the exemption notifications on file counted among those the clearance may see; refreshed after every load and build; the Screening page reads it.';
COMMENT ON COLUMN screening_lines.clearance IS 'The clearance this row set is for: a viewer with it sees these rows (clearance_of).';
COMMENT ON COLUMN screening_lines.embargo_short_name IS 'Short name of the embargo.';
COMMENT ON COLUMN screening_lines.delivery_id IS 'The delivery the line reports, as matched among the lines visible at this clearance (delivery_matches).';
COMMENT ON COLUMN screening_lines.flow IS 'The flow the line reports (export or import; empty for the trade register).';
