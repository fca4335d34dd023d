-- The seizure events the given loads added item lines to or gave a new version: the only events
-- whose rows in the per-event derived tables (seizure_item_facts_stored,
-- seizure_event_category_counts) those loads can change. A seizures load otherwise never changes
-- an event: it fills in an event's empty columns only from lines it adds to it (of the event's
-- own level), and never changes its classification. A load that replaced a version (a later
-- file's version, a correction) may have moved an event to another country or an item out of a
-- search key's group: then every event is given, and the derived tables are recomputed whole.
CREATE MACRO seizure_events_loaded(load_ids) AS TABLE
SELECT DISTINCT event_uid
FROM seizure_items
WHERE list_contains(CAST(load_ids AS VARCHAR[]), load_id)
UNION
SELECT event_uid
FROM seizure_events
WHERE list_contains(CAST(load_ids AS VARCHAR[]), load_id)
    OR EXISTS (
        SELECT 1 FROM seizure_event_earlier_versions
        WHERE list_contains(CAST(load_ids AS VARCHAR[]), superseded_by_load_id)
    )
    OR EXISTS (
        SELECT 1 FROM seizure_item_earlier_versions
        WHERE list_contains(CAST(load_ids AS VARCHAR[]), superseded_by_load_id)
    );
