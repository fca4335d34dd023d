-- One row per file loaded into the warehouse, so every row can be traced to a file and a batch.
CREATE TABLE load_log (
    load_id VARCHAR NOT NULL,
    source_id VARCHAR NOT NULL,
    file_name VARCHAR NOT NULL,
    file_sha256 VARCHAR NOT NULL,
    file_size_bytes BIGINT NOT NULL,
    file_format VARCHAR NOT NULL,
    target_table VARCHAR NOT NULL,
    rows_read BIGINT NOT NULL,
    rows_loaded BIGINT NOT NULL,
    rows_rejected BIGINT NOT NULL,
    started_at TIMESTAMP NOT NULL,
    finished_at TIMESTAMP NOT NULL,
    recorded_at TIMESTAMP
);
COMMENT ON TABLE load_log IS 'One row per file load: which file (name and SHA-256), into which table, how many rows were read, loaded and rejected, and when.';
COMMENT ON COLUMN load_log.load_id IS 'Identifier of the load batch; core rows and rejects carry it.';
COMMENT ON COLUMN load_log.source_id IS 'Source of the file (source_registry.source_id).';
COMMENT ON COLUMN load_log.file_name IS 'File name as delivered, without its folder.';
COMMENT ON COLUMN load_log.file_sha256 IS 'SHA-256 of the file bytes; loading the same bytes twice changes nothing.';
COMMENT ON COLUMN load_log.file_size_bytes IS 'Size of the file in bytes.';
COMMENT ON COLUMN load_log.file_format IS 'Input format the file was read as (reference, sipri, unroca, ...).';
COMMENT ON COLUMN load_log.target_table IS 'Warehouse table the rows were loaded into.';
COMMENT ON COLUMN load_log.rows_read IS 'Data rows read from the file.';
COMMENT ON COLUMN load_log.rows_loaded IS 'Rows loaded into the target table.';
COMMENT ON COLUMN load_log.rows_rejected IS 'Rows refused, each listed in rejects. rows_read = rows_loaded + rows_rejected.';
COMMENT ON COLUMN load_log.started_at IS 'When the load started (UTC).';
COMMENT ON COLUMN load_log.finished_at IS 'When the load committed (UTC).';
COMMENT ON COLUMN load_log.recorded_at IS 'When the load''s records entered the warehouse (UTC): the file''s first load, which a rebuild replaying the kept file keeps (started_at is then the rebuild''s); empty for reference data.';
