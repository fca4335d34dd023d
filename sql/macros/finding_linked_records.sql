-- The seizure events and item lines one finding (by finding_uid) cites, the finding and each
-- record visible to the viewer: events first, then item lines, each by event date.
CREATE MACRO finding_linked_records(visible, finding) AS TABLE
WITH l AS (
    SELECT *
    FROM panel_finding_links
    WHERE finding_uid = finding
      AND list_contains(visible, finding_classification)
      AND list_contains(visible, matched_classification)
)
SELECT
    'event' AS record, l.reference AS cited_as, e.event_uid, e.event_date,
    e.country_iso3, e.location_name, e.latitude, e.longitude, e.context,
    NULL AS serial_number, NULL AS item, e.reporting_entity, e.source_document,
    e.file_name, e.source_row_number
FROM l
JOIN seizure_events AS e ON e.event_uid = l.matched_id
WHERE l.matched_kind = 'seizure_event'
UNION ALL
SELECT
    'item', l.reference, e.event_uid, e.event_date, e.country_iso3,
    e.location_name, e.latitude, e.longitude, e.context, i.serial_number,
    concat_ws(' ', i.manufacturer, i.model, i.calibre), e.reporting_entity,
    e.source_document, i.file_name, i.source_row_number
FROM l
JOIN seizure_items AS i ON i.item_line_uid = l.matched_id
JOIN seizure_events AS e USING (event_uid)
WHERE l.matched_kind = 'seizure_item'
ORDER BY 1, 4;
