-- One row counting the write transactions committed to the warehouse, with the fingerprint of
-- the schema it was built with.
CREATE TABLE warehouse_version (
    version BIGINT NOT NULL,
    changed_at TIMESTAMP WITH TIME ZONE,
    schema_fingerprint VARCHAR NOT NULL
);
COMMENT ON TABLE warehouse_version IS 'One row counting the write transactions committed to the warehouse (builds, loads, refreshes of derived tables). Every writer updates this row, so on a shared catalog two writers whose transactions overlap conflict, and one of them retries on the other''s result instead of both committing unaware of each other.';
COMMENT ON COLUMN warehouse_version.version IS 'Number of write transactions committed since the warehouse was created (a build counts its own refresh of the derived tables).';
COMMENT ON COLUMN warehouse_version.changed_at IS 'When the last write transaction ran (UTC).';
COMMENT ON COLUMN warehouse_version.schema_fingerprint IS 'SHA-256 of the sql/ files (tables, views, macros, derived tables) of the version of Embargo Monitor that built the warehouse: another version refuses to load into it or show it, and says to rebuild it.';
