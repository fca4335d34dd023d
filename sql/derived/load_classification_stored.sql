-- The classification of each load, so that a file's entry in the load log, its rejects and the
-- inventory of loaded sources (read by every page for the synthetic-data notice) are shown only
-- to viewers cleared for the most sensitive record the file brought in. Stored: computed from
-- every record table, it took 150 to 300 ms per page view on a shared catalog.
-- A load takes the most sensitive classification among the records it loaded and the
-- classifications stated on its raw rows (rejected rows included: a rejected confidential row is
-- still confidential). Reference data is public; a load with no classified record (e.g. a file
-- whose every row was rejected) is restricted, the default for records without a stated level.
-- Seizure events are left out: an event takes its level from the item lines that created it,
-- whose raw rows count for the load that brought them, and a later load never changes a stored
-- event (a more sensitive line leaves it as it is); a version a later load replaces keeps its
-- load_id among the earlier versions, and a correction counts at the record's level. So a
-- load's classification depends on its own rows only and never changes after it: a load adds
-- its own row, reading only the tables it wrote, and recomputes no other
-- (PER_LOAD_DERIVED_TABLES in embargo/warehouse.py); a build computes all. Written as one
-- aggregate over load_id (no join), so that a filter on load_id reaches every table scanned.
CREATE TABLE load_classification_stored AS
WITH levels (classification, sensitivity) AS (
    VALUES ('public', 0), ('restricted', 1), ('confidential', 2), ('strictly_confidential', 3)
),
stated AS (
    SELECT load_id, classification FROM transfers
    UNION ALL SELECT load_id, classification FROM sipri_tiv_totals
    UNION ALL SELECT load_id, classification FROM seizure_items
    UNION ALL SELECT load_id, classification FROM seizure_item_earlier_versions
    UNION ALL SELECT load_id, classification FROM trace_request_versions
    UNION ALL SELECT load_id, classification FROM exemption_versions
    UNION ALL SELECT load_id, classification FROM brokering_record_versions
    UNION ALL SELECT load_id, classification FROM panel_finding_versions
    UNION ALL SELECT load_id, classification FROM sanctioned_parties
    -- a list that names its parties as they were keeps their rows' loads (sanctions_list.py):
    -- its own load is known by the names it wrote, and the list is public
    UNION ALL SELECT load_id, 'public' FROM sanctioned_party_names
    UNION ALL SELECT load_id, classification FROM conflict_event_versions
    UNION ALL SELECT load_id, classification FROM corrections
    UNION ALL SELECT load_id, coalesce(nullif(lower(trim(classification)), ''), 'restricted')
    FROM raw_seizures
    UNION ALL SELECT load_id, coalesce(nullif(lower(trim(classification)), ''), 'restricted')
    FROM raw_traces
    UNION ALL SELECT load_id, coalesce(nullif(lower(trim(classification)), ''), 'restricted')
    FROM raw_exemptions
    UNION ALL SELECT load_id, coalesce(nullif(lower(trim(classification)), ''), 'restricted')
    FROM raw_panel_findings
    UNION ALL SELECT load_id, coalesce(nullif(lower(trim(classification)), ''), 'restricted')
    FROM raw_brokering
),
-- Each load's default, below every stated level: it counts only when nothing is stated.
defaults AS (
    SELECT
        load_id,
        CASE WHEN file_format = 'reference' THEN 'public' ELSE 'restricted' END AS classification,
        -1 AS sensitivity,
        true AS logged
    FROM load_log
)
SELECT load_id, max_by(classification, sensitivity) AS classification
FROM (
    SELECT load_id, classification, sensitivity, logged FROM defaults
    UNION ALL
    SELECT s.load_id, s.classification, v.sensitivity, false AS logged
    FROM stated AS s
    JOIN levels AS v USING (classification)
)
GROUP BY load_id
HAVING bool_or(logged);
COMMENT ON TABLE load_classification_stored IS 'The classification of each load: the most sensitive of the records it loaded and of the levels stated on its raw rows (rejected rows included); reference data public, otherwise restricted by default. Each load adds its row; the load log, rejects and data inventory are shown by it.';
COMMENT ON COLUMN load_classification_stored.load_id IS 'Load batch (load_log.load_id).';
COMMENT ON COLUMN load_classification_stored.classification IS 'public, restricted, confidential or strictly_confidential.';
