-- One row counting the write transactions committed to the warehouse.
CREATE TABLE warehouse_version (
    version BIGINT NOT NULL,
    changed_at TIMESTAMP WITH TIME ZONE
);
COMMENT ON TABLE warehouse_version IS 'One row counting the write transactions committed to the warehouse (builds, loads, refreshes of derived tables). Every writer updates this row, so on a shared catalog two writers whose transactions overlap conflict, and one of them retries on the other''s result instead of both committing unaware of each other.';
COMMENT ON COLUMN warehouse_version.version IS 'Number of write transactions committed since the warehouse was created (a build counts its own refresh of the derived tables).';
COMMENT ON COLUMN warehouse_version.changed_at IS 'When the last write transaction ran (UTC).';
