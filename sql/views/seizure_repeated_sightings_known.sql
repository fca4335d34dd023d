-- The located sightings of items documented by more than one reporting entity, as the pages read
-- them: the stored seizure_repeated_sightings, or, when an "as known on" date is chosen (session
-- variable known_on), computed from the seizure versions known then. The variable is a constant
-- of the query: only one side is read.
CREATE VIEW seizure_repeated_sightings_known AS
SELECT * FROM seizure_repeated_sightings WHERE getvariable('known_on') IS NULL
UNION ALL BY NAME
SELECT * FROM seizure_repeated_sightings_as_known;
COMMENT ON VIEW seizure_repeated_sightings_known IS 'The located sightings of items documented by more than one reporting entity, as the warehouse knows them: the stored seizure_repeated_sightings, or, with an "as known on" date, computed from the seizure versions known then.';
