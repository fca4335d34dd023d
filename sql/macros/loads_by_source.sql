-- What is loaded, per source and table, counting only the loads the viewer may see (a load is as
-- sensitive as the most sensitive record it brought in): the Sources page's inventory.
CREATE MACRO loads_by_source(visible) AS TABLE
WITH per_source AS (
    SELECT
        source_id,
        target_table,
        count(*) AS files_loaded,
        sum(rows_read) AS rows_read,
        sum(rows_loaded) AS rows_loaded,
        sum(rows_rejected) AS rows_rejected,
        max(finished_at) AS last_loaded_at
    FROM load_log
    JOIN load_classification_stored AS c USING (load_id)
    WHERE list_contains(visible, c.classification)
    GROUP BY source_id, target_table
)
SELECT
    s.source_id, s.title, s.publisher, s.publisher_fr, s.is_synthetic, p.target_table,
    p.files_loaded, p.rows_read, p.rows_loaded, p.rows_rejected, p.last_loaded_at
FROM per_source AS p
JOIN source_registry AS s USING (source_id)
ORDER BY s.is_synthetic, s.source_id, p.target_table;
