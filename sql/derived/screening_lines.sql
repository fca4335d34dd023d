-- The screened register lines as each clearance sees them (screening_lines_computed), stored
-- after every load and build: the Screening page, its downloads, the country profile and the
-- packs filter this table instead of joining the screening to the delivery matching and the
-- exemption notifications on every call (seconds at a million deliveries). Only the levels
-- that differ are held (screening_levels: when every line and notification is public, one row
-- set instead of four); a viewer reads theirs (sees_row_set). The rows of one
-- clearance lie together (each viewer reads one: the zone maps skip the others); sorting them
-- further, in the order the page lists them, took more CPU than the whole computation.
CREATE TABLE screening_lines AS
SELECT * FROM screening_lines_computed()
ORDER BY clearance;
COMMENT ON TABLE screening_lines IS 'Screened register lines for each clearance level held that may see them (clearance; viewers above the most sensitive record held read that record''s level: clearance_rank_from and clearance_rank_to), with the delivery each reports at that clearance and the exemption notifications on file counted among those the clearance may see; refreshed after every load and build; the Screening page reads it.';
COMMENT ON COLUMN screening_lines.clearance IS 'The clearance this row set is for (row_sets_held).';
COMMENT ON COLUMN screening_lines.clearance_rank_from IS 'The lowest clearance rank (1 public to 4 strictly confidential) whose viewers read this row set (sees_row_set).';
COMMENT ON COLUMN screening_lines.clearance_rank_to IS 'The highest clearance rank whose viewers read this row set: above the most sensitive record held, every clearance reads the row set of that record''s level.';
COMMENT ON COLUMN screening_lines.embargo_short_name IS 'Short name of the embargo.';
COMMENT ON COLUMN screening_lines.delivery_id IS 'The delivery the line reports, as matched among the lines visible at this clearance (delivery_matches).';
COMMENT ON COLUMN screening_lines.flow IS 'The flow the line reports (export or import; empty for the trade register).';
