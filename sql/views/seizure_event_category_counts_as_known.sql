-- seizure_event_category_counts as computed from the seizure versions known at the end of the
-- session's "as known on" date (seizure_event_category_counts_computed); empty when no date is
-- chosen (seizure_event_category_counts_known then reads the stored table).
CREATE VIEW seizure_event_category_counts_as_known AS
SELECT * FROM seizure_event_category_counts_computed() WHERE getvariable('known_on') IS NOT NULL;
COMMENT ON VIEW seizure_event_category_counts_as_known IS 'The rows of seizure_event_category_counts computed from the seizure versions known at the end of the "as known on" date; empty when no date is chosen.';
