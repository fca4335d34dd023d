-- The documented items seized from one party (party_directory.party_key): item lines of the
-- seizure events whose seized_from names it (through a confirmed link for a listed party), each
-- shown with its event, so visible to a viewer cleared for both (more_sensitive). Events and
-- lines are the versions known (seizure_events_known, seizure_items_known).
CREATE MACRO party_seized_items(visible, party) AS TABLE
WITH keys AS (
    SELECT DISTINCT record_key FROM party_directory
    WHERE party_key = party AND record_key IS NOT NULL
)
SELECT
    e.event_uid,
    e.event_id,
    e.event_date,
    e.country_iso3,
    e.location_name,
    e.context,
    e.seized_from,
    i.item_line_uid,
    i.item_uid,
    i.item_kind,
    i.weapon_category,
    i.manufacturer,
    i.model,
    i.calibre,
    i.serial_number,
    i.quantity,
    i.unit,
    e.reporting_entity,
    e.source_document,
    e.source_paragraph,
    i.file_name,
    i.source_row_number,
    more_sensitive(i.classification, e.classification) AS classification
FROM seizure_events_known AS e
JOIN seizure_items_known AS i USING (event_uid)
WHERE alias_key(e.seized_from) IN (SELECT record_key FROM keys)
  AND list_contains(CAST(visible AS VARCHAR[]), more_sensitive(i.classification, e.classification))
ORDER BY e.event_date, e.event_id, i.source_row_number;
