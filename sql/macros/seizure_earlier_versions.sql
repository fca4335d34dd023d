-- The earlier versions of the given item lines and of their events (replaced by a later file or
-- a correction), each seen at the more sensitive of the line's and the event's classification,
-- among the classifications `visible`: what Item search says lies behind a sighting it shows.
-- With an "as known on" date (session variable known_on), only the versions replaced by the end
-- of that day: those behind the version shown then.
CREATE MACRO seizure_earlier_versions(visible, item_line_uids) AS TABLE
SELECT *
FROM (
    SELECT
        'item_line' AS version_of,
        h.item_line_uid,
        h.version,
        h.serial_number,
        CAST(NULL AS DATE) AS event_date,
        CAST(NULL AS VARCHAR) AS location_name,
        h.file_name,
        h.source_row_number,
        h.superseded_at,
        more_sensitive(h.classification, e.classification) AS classification
    FROM seizure_item_earlier_versions AS h
    JOIN seizure_events_known AS e USING (event_uid)
    WHERE list_contains(CAST(item_line_uids AS VARCHAR[]), h.item_line_uid)
    UNION ALL
    SELECT
        'event' AS version_of,
        i.item_line_uid,
        h.version,
        CAST(NULL AS VARCHAR) AS serial_number,
        h.event_date,
        h.location_name,
        h.file_name,
        h.source_row_number,
        h.superseded_at,
        more_sensitive(i.classification, h.classification) AS classification
    FROM seizure_event_earlier_versions AS h
    JOIN seizure_items_known AS i USING (event_uid)
    WHERE list_contains(CAST(item_line_uids AS VARCHAR[]), i.item_line_uid)
)
WHERE list_contains(CAST(visible AS VARCHAR[]), classification)
    AND (getvariable('known_on') IS NULL
        OR superseded_at < CAST(getvariable('known_on') AS DATE) + 1)
ORDER BY item_line_uid, version_of, version;
