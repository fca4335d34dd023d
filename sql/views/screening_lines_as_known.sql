-- screening_lines as computed from the records known at the end of the session's "as known on"
-- date (screening_lines_computed); empty when no date is chosen (screening_lines_known then
-- reads the stored table).
CREATE VIEW screening_lines_as_known AS
SELECT * FROM screening_lines_computed() WHERE getvariable('known_on') IS NOT NULL;
COMMENT ON VIEW screening_lines_as_known IS 'The rows of screening_lines computed from the exemption notifications known at the end of the "as known on" date; empty when no date is chosen.';
