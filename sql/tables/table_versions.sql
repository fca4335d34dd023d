-- The change id of every table: a new one each time a write transaction changes the table.
CREATE TABLE table_versions (
    table_name VARCHAR NOT NULL,
    change_id VARCHAR NOT NULL
);
COMMENT ON TABLE table_versions IS 'One row per table of the warehouse with the id of the last write transaction that changed it (a build gives every table a new id). The dashboard keeps a query''s result as long as the tables it reads keep their ids, whatever else a load changes.';
COMMENT ON COLUMN table_versions.table_name IS 'Table (of sql/tables or sql/derived).';
COMMENT ON COLUMN table_versions.change_id IS 'Random id of the write transaction that last changed the table (32 hex digits), or of the build that created it.';
