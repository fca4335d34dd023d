-- The seizure events the given loads added item lines to: the only events whose rows in the
-- per-event derived tables (seizure_item_facts_stored, seizure_event_category_counts) those
-- loads can change. A seizures load never changes an event without adding an accepted line to
-- it: it fills in an event's empty columns only from such lines (of the event's own level), and
-- never changes its classification.
CREATE MACRO seizure_events_loaded(load_ids) AS TABLE
SELECT DISTINCT event_uid
FROM seizure_items
WHERE list_contains(CAST(load_ids AS VARCHAR[]), load_id);
