-- The screened register lines as the pages read them: the stored screening_lines, or, when an
-- "as known on" date is chosen (session variable known_on), computed from the notifications
-- known then (screening_lines_as_known). The variable is a constant of the query: only one side
-- is read.
CREATE VIEW screening_lines_known AS
SELECT * FROM screening_lines WHERE getvariable('known_on') IS NULL
UNION ALL BY NAME
SELECT * FROM screening_lines_as_known;
COMMENT ON VIEW screening_lines_known IS 'Screened register lines for each clearance as the warehouse knows them: the stored screening_lines, or, with an "as known on" date, computed from the notifications known then.';
