-- What is loaded: per source and table, files, rows and the latest load, with the synthetic flag.
CREATE VIEW data_inventory AS
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
    GROUP BY source_id, target_table
)
SELECT
    s.source_id,
    s.title,
    s.publisher,
    s.is_synthetic,
    p.target_table,
    p.files_loaded,
    p.rows_read,
    p.rows_loaded,
    p.rows_rejected,
    p.last_loaded_at
FROM per_source AS p
JOIN source_registry AS s USING (source_id)
ORDER BY s.is_synthetic, s.source_id, p.target_table;
COMMENT ON VIEW data_inventory IS 'What the warehouse holds: per source and table, files loaded, rows read, loaded and rejected, and the latest load time.';
