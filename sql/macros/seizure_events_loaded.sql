-- The seizure events the given loads added item lines to or gave a new version: the only events
-- whose rows in the per-event derived tables (seizure_item_facts_stored,
-- seizure_event_category_counts) those loads can change. A seizures load otherwise never changes
-- an event: it fills in an event's empty columns only from lines it adds to it (of the event's
-- own level), and never changes its classification. A load that replaced a version (a later
-- file's version, a correction) may have moved an event to another country or an item out of a
-- search key's group: then every event is given, and the derived tables are recomputed whole.
-- The loads' rows are found by a join on load_id, not by list_contains: the join hands the
-- loads' ids to the table scans, whose zone maps then skip the row groups of other loads (a
-- small load's rows lie after the million others): 4 to 7 ms of CPU instead of 12 to 15 at a million
-- item lines.
CREATE MACRO seizure_events_loaded(load_ids) AS TABLE
WITH loads AS (
    SELECT unnest(CAST(load_ids AS VARCHAR[])) AS load_id
),
replaced AS (
    SELECT EXISTS (
            SELECT 1 FROM seizure_event_earlier_versions
            WHERE superseded_by_load_id IN (SELECT load_id FROM loads)
        )
        OR EXISTS (
            SELECT 1 FROM seizure_item_earlier_versions
            WHERE superseded_by_load_id IN (SELECT load_id FROM loads)
        ) AS any_replaced
)
SELECT DISTINCT event_uid
FROM seizure_items
WHERE load_id IN (SELECT load_id FROM loads)
UNION
SELECT event_uid
FROM seizure_events
WHERE load_id IN (SELECT load_id FROM loads)
UNION
SELECT e.event_uid
FROM seizure_events AS e, replaced AS r
WHERE r.any_replaced;
