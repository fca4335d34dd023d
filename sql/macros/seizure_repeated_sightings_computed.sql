-- The located sightings of the items that more than one reporting entity documented
-- (seizure_repeated_sightings, which stores it): the only sightings possible_double_reports can
-- pair, since a pair is two sightings of one item by different entities, both with coordinates.
-- From the item facts as the warehouse knows them: the stored ones, or those known on the "as
-- known on" date. It names seizure_item_facts_stored itself, so a small load's refresh can stand
-- the rows of the touched items in for it. An item counts here whatever the classifications of
-- its sightings: the pairs a viewer may see are chosen when they are read.
CREATE MACRO seizure_repeated_sightings_computed() AS TABLE
WITH located AS (
    SELECT
        item_uid,
        item_line_uid,
        serial_number,
        manufacturer,
        model,
        event_uid,
        event_id,
        reporting_entity,
        event_date,
        latitude,
        longitude,
        country_iso3,
        location_name,
        source_document,
        source_paragraph,
        file_name,
        source_row_number,
        classification
    FROM (
        -- the stored facts, or those known on the "as known on" date: only one side is read
        SELECT * FROM seizure_item_facts_stored WHERE getvariable('known_on') IS NULL
        UNION ALL BY NAME
        SELECT * FROM seizure_item_facts_as_known
    )
    WHERE item_uid IS NOT NULL AND latitude IS NOT NULL AND longitude IS NOT NULL
)
SELECT *
FROM located
WHERE item_uid IN (
    SELECT item_uid FROM located GROUP BY item_uid HAVING count(DISTINCT reporting_entity) > 1
)
ORDER BY item_uid, event_date, item_line_uid;
