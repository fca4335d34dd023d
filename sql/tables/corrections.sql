-- Corrections applied to stored records (format corrections): one row per correction or reversal.
CREATE TABLE corrections (
    correction_id VARCHAR NOT NULL,
    record_kind VARCHAR NOT NULL,
    record_key VARCHAR NOT NULL,
    field VARCHAR NOT NULL,
    new_value VARCHAR,
    reason VARCHAR NOT NULL,
    reverses VARCHAR,
    record_version INTEGER NOT NULL,
    corrected_by VARCHAR NOT NULL,
    classification VARCHAR NOT NULL,
    recorded_at TIMESTAMP NOT NULL,
    load_id VARCHAR NOT NULL,
    file_name VARCHAR NOT NULL,
    source_row_number BIGINT NOT NULL
);
COMMENT ON TABLE corrections IS 'Every correction of one field of a stored record (a tracing request, an exemption notification, a panel finding) and every reversal of one, with who made it and when. Each made a new version of the record (record_version), kept in the record''s table of versions with the reason in its correction column.';
COMMENT ON COLUMN corrections.correction_id IS 'Identifier of the correction, as its file gives it.';
COMMENT ON COLUMN corrections.record_kind IS 'trace_request, exemption or panel_finding.';
COMMENT ON COLUMN corrections.record_key IS 'The record''s key columns joined by a colon (requesting_entity:trace_id, embargo_id:notification_id, embargo_id:finding_id).';
COMMENT ON COLUMN corrections.field IS 'The field corrected.';
COMMENT ON COLUMN corrections.new_value IS 'The value written, as given (for a reversal: the value restored); empty when the field was cleared.';
COMMENT ON COLUMN corrections.reason IS 'Why the record was corrected or the correction reversed.';
COMMENT ON COLUMN corrections.reverses IS 'For a reversal: the correction_id it reverses; empty otherwise.';
COMMENT ON COLUMN corrections.record_version IS 'The version of the record this correction made.';
COMMENT ON COLUMN corrections.corrected_by IS 'Who loaded the correction: the signed-in account of an upload, or operator: and the shell user of embargo ingest.';
COMMENT ON COLUMN corrections.classification IS 'The classification of the record corrected (a correction takes it).';
COMMENT ON COLUMN corrections.recorded_at IS 'When the correction entered the warehouse (UTC), as the version it made.';
COMMENT ON COLUMN corrections.load_id IS 'Load batch (load_log.load_id).';
COMMENT ON COLUMN corrections.file_name IS 'File the correction came from.';
COMMENT ON COLUMN corrections.source_row_number IS 'CSV line or spreadsheet row (header = 1).';
