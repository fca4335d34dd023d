-- Each seizure event's place in words, for the filters, tooltips and tables of the seizure pages:
-- seizure_event_places_computed stored after every load and build (with an "as known on" date the
-- pages read seizure_event_places_known, which computes it from the events known then).
CREATE TABLE seizure_event_places AS
SELECT * FROM seizure_event_places_computed();
COMMENT ON TABLE seizure_event_places IS 'Each seizure event''s admin-1 area (its admin1 matched to the Natural Earth layer, or as written) and nearest town of its country with the distance; refreshed after every load and build; the seizure pages filter and label events with it.';
COMMENT ON COLUMN seizure_event_places.event_uid IS 'The seizure event (seizure_events.event_uid).';
COMMENT ON COLUMN seizure_event_places.classification IS 'Classification of the event (seizure_events.classification).';
COMMENT ON COLUMN seizure_event_places.country_iso3 IS 'Country where the materiel was found (ISO3).';
COMMENT ON COLUMN seizure_event_places.admin1 IS 'The record''s first-level administrative area, as written; empty when none.';
COMMENT ON COLUMN seizure_event_places.admin1_area IS 'The area of the Natural Earth layer the record''s admin1 names (by its name, ISO 3166-2 code or a spelling of admin1_aliases, compared without accents, case, spaces or punctuation), or admin1 as written when it names none.';
COMMENT ON COLUMN seizure_event_places.admin1_on_layer IS 'Whether admin1 names an area of the country on the Natural Earth layer.';
COMMENT ON COLUMN seizure_event_places.location_name IS 'Place name, as written.';
COMMENT ON COLUMN seizure_event_places.located IS 'Whether the event has coordinates.';
COMMENT ON COLUMN seizure_event_places.nearest_place IS 'Nearest town of the event''s country (Natural Earth Populated Places), for a located event.';
COMMENT ON COLUMN seizure_event_places.nearest_place_fr IS 'French name of that town (its name when Natural Earth has no French one).';
COMMENT ON COLUMN seizure_event_places.nearest_place_km IS 'Great-circle distance from the event to that town, km, one decimal.';
