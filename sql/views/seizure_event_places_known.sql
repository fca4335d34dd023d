-- The seizure events' places the pages read: the stored seizure_event_places, or, when an "as
-- known on" date is chosen (session variable known_on), the places of the events known then
-- (seizure_event_places_as_known). The variable is a constant of the query: only one side is read.
CREATE VIEW seizure_event_places_known AS
SELECT * FROM seizure_event_places WHERE getvariable('known_on') IS NULL
UNION ALL BY NAME
SELECT * FROM seizure_event_places_as_known;
COMMENT ON VIEW seizure_event_places_known IS 'Each seizure event''s admin-1 area and nearest town as the warehouse knows it: the stored seizure_event_places, or, with an "as known on" date, computed from the events known then.';
