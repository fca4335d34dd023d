-- Possible double reporting: two sightings of one physical item (the same item_uid: serial,
-- manufacturer and model, normalised, as the seizure ingest defines items) documented by
-- different reporting entities at most max_days apart and at most max_km apart: possibly one
-- seizure reported twice (a mission and a panel each documenting the same cache), to be checked
-- before counting it twice. Both sightings need coordinates (places without them cannot be
-- compared); a month- or year-precise date counts as its first day. One row per pair, the earlier
-- sighting first (by date, then item line). A pair is shown only to a viewer who may see both
-- sightings; it carries the more sensitive of their classifications.
CREATE MACRO possible_double_reports(visible, max_days, max_km) AS TABLE
WITH sightings AS (
    -- the located sightings of items more than one entity documented: the only ones a pair
    -- can be made of
    SELECT *
    FROM seizure_repeated_sightings_known
    WHERE list_contains(CAST(visible AS VARCHAR[]), classification)
),
pairs AS (
    SELECT
        a.item_uid,
        a.serial_number,
        a.manufacturer,
        a.model,
        b.event_date - a.event_date AS days_apart,
        km_between(a.latitude, a.longitude, b.latitude, b.longitude) AS km_exact,
        more_sensitive(a.classification, b.classification) AS classification,
        a.item_line_uid AS first_item_line_uid,
        a.event_uid AS first_event_uid,
        a.event_id AS first_event_id,
        a.reporting_entity AS first_reporting_entity,
        a.event_date AS first_event_date,
        a.country_iso3 AS first_country_iso3,
        a.location_name AS first_location_name,
        a.source_document AS first_source_document,
        a.source_paragraph AS first_source_paragraph,
        a.file_name AS first_file_name,
        a.source_row_number AS first_source_row_number,
        b.item_line_uid AS second_item_line_uid,
        b.event_uid AS second_event_uid,
        b.event_id AS second_event_id,
        b.reporting_entity AS second_reporting_entity,
        b.event_date AS second_event_date,
        b.country_iso3 AS second_country_iso3,
        b.location_name AS second_location_name,
        b.source_document AS second_source_document,
        b.source_paragraph AS second_source_paragraph,
        b.file_name AS second_file_name,
        b.source_row_number AS second_source_row_number
    FROM sightings AS a
    JOIN sightings AS b
      ON b.item_uid = a.item_uid
     AND b.reporting_entity <> a.reporting_entity
     AND (b.event_date, b.item_line_uid) > (a.event_date, a.item_line_uid)
    WHERE b.event_date - a.event_date <= CAST(max_days AS INTEGER)
)
SELECT
    * EXCLUDE (km_exact),
    round(km_exact, 1) AS km_apart
FROM pairs
-- the distance as computed, not as shown (rounded): 25.019 km is not within 25
WHERE km_exact <= CAST(max_km AS DOUBLE)
ORDER BY first_event_date, item_uid, first_item_line_uid, second_item_line_uid;
