-- Item lines counted per classification, event and category, with the event's date, place,
-- context and reporting entity (seizure_event_category_counts, which stores it), from the item
-- facts as the warehouse knows them: the stored ones, or those known on the "as known on" date.
-- It names seizure_item_facts_stored itself, so a small load's refresh can stand the touched
-- events' rows in for it (embargo/warehouse/refresh.py).
CREATE MACRO seizure_event_category_counts_computed() AS TABLE
SELECT
    classification,
    event_uid,
    any_value(event_date) AS event_date,
    any_value(event_month) AS event_month,
    any_value(country_iso3) AS country_iso3,
    any_value(latitude) AS latitude,
    any_value(longitude) AS longitude,
    any_value(context) AS context,
    category,
    any_value(reporting_entity) AS reporting_entity,
    count(*) AS item_lines,
    coalesce(sum(quantity) FILTER (WHERE unit = 'items'), 0) AS items,
    coalesce(sum(quantity) FILTER (WHERE unit = 'rounds'), 0) AS rounds
FROM (
    -- the stored facts, or those known on the "as known on" date: only one side is read
    SELECT * FROM seizure_item_facts_stored WHERE getvariable('known_on') IS NULL
    UNION ALL BY NAME
    SELECT * FROM seizure_item_facts_as_known
) AS f
GROUP BY classification, event_uid, category
ORDER BY classification, event_date;
