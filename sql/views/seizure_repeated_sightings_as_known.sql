-- seizure_repeated_sightings as computed from the seizure versions known at the end of the
-- session's "as known on" date (seizure_repeated_sightings_computed); empty when no date is
-- chosen (seizure_repeated_sightings_known then reads the stored table).
CREATE VIEW seizure_repeated_sightings_as_known AS
SELECT * FROM seizure_repeated_sightings_computed() WHERE getvariable('known_on') IS NOT NULL;
COMMENT ON VIEW seizure_repeated_sightings_as_known IS 'The rows of seizure_repeated_sightings computed from the seizure versions known at the end of the "as known on" date; empty when no date is chosen.';
