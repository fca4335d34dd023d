-- Every documented item line with its event: the one row shape all seizure analytics read. The
-- lines and events as the warehouse knows them (as seizure_items_known, seizure_events_known): the
-- current ones, which the stored copy seizure_item_facts_stored holds, or those known on the
-- session's "as known on" date.
CREATE VIEW seizure_item_facts AS
SELECT
    i.item_line_uid,
    i.item_uid,
    e.event_uid,
    e.event_id,
    e.event_date,
    e.date_precision,
    date_trunc('month', e.event_date) AS event_month,
    year(e.event_date) AS event_year,
    e.country_iso3,
    e.admin1,
    e.location_name,
    e.latitude,
    e.longitude,
    e.location_precision,
    e.context,
    e.reporting_entity,
    e.source_document,
    e.source_paragraph,
    i.item_kind,
    coalesce(i.weapon_category, i.item_kind) AS category,
    i.weapon_category,
    i.manufacturer,
    i.model,
    i.calibre,
    i.serial_number,
    i.serial_normalized,
    i.markings,
    i.country_of_manufacture,
    i.year_of_manufacture,
    i.headstamp_factory,
    i.headstamp_year,
    i.lot_number,
    coalesce(i.year_of_manufacture, i.headstamp_year) AS manufacture_year,
    i.quantity,
    i.unit,
    i.verification,
    -- the row shows the event too: the more sensitive of the line's and the event's levels
    more_sensitive(i.classification, e.classification) AS classification,
    i.file_name,
    i.source_row_number,
    i.load_id
FROM (
    -- as seizure_items_known and seizure_events_known (only one side of each is read), written
    -- out so that the tables are named here: a small load's refresh reads this query with its
    -- new rows standing in for them (embargo/warehouse/refresh.py)
    SELECT * FROM seizure_items WHERE getvariable('known_on') IS NULL
    UNION ALL BY NAME
    SELECT * FROM seizure_items_as_known
) AS i
JOIN (
    SELECT * FROM seizure_events WHERE getvariable('known_on') IS NULL
    UNION ALL BY NAME
    SELECT * FROM seizure_events_as_known
) AS e USING (event_uid);
COMMENT ON VIEW seizure_item_facts IS 'Each documented item line (a sighting) with its seizure event: date, place, context, reporting entity, source document, and the item as marked. Current versions, or those known on the "as known on" date when one is chosen. manufacture_year is the year of manufacture, or the headstamp year for ammunition; classification is the more sensitive of the line''s and the event''s.';
