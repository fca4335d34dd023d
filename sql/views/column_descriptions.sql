-- Descriptions of every table, view and column, read from the comments stored in the database.
CREATE VIEW column_descriptions AS
WITH objects AS (
    SELECT table_name AS object_name, 'table' AS object_type, comment AS object_comment
    FROM duckdb_tables()
    WHERE schema_name = 'main' AND NOT internal
    UNION ALL
    SELECT view_name, 'view', comment
    FROM duckdb_views()
    WHERE schema_name = 'main' AND NOT internal
)
SELECT
    o.object_name,
    o.object_type,
    o.object_comment,
    c.column_name,
    c.data_type,
    c.comment AS column_comment,
    c.column_index
FROM objects AS o
JOIN duckdb_columns() AS c
    ON c.table_name = o.object_name AND c.schema_name = 'main'
ORDER BY o.object_type, o.object_name, c.column_index;
COMMENT ON VIEW column_descriptions IS 'Every table and view with its columns and their descriptions, as stored in the database.';
