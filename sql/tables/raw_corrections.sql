-- Corrections exactly as delivered (format corrections), every row read.
CREATE TABLE raw_corrections (
    correction_id VARCHAR,
    record_kind VARCHAR,
    record_key VARCHAR,
    field VARCHAR,
    new_value VARCHAR,
    reason VARCHAR,
    reverses VARCHAR,
    extra_columns VARCHAR,
    loaded BOOLEAN NOT NULL,
    load_id VARCHAR NOT NULL,
    file_name VARCHAR NOT NULL,
    source_row_number BIGINT NOT NULL
);
COMMENT ON TABLE raw_corrections IS 'Correction lines as delivered (CSV or XLSX, format corrections): every row read, applied or not, as text. Applied corrections are in corrections, problems in rejects; both join here on load_id and row number.';
COMMENT ON COLUMN raw_corrections.correction_id IS 'Correction identifier, as written.';
COMMENT ON COLUMN raw_corrections.record_kind IS 'Kind of record corrected, as written.';
COMMENT ON COLUMN raw_corrections.record_key IS 'Key of the record corrected, as written.';
COMMENT ON COLUMN raw_corrections.field IS 'Field corrected, as written.';
COMMENT ON COLUMN raw_corrections.new_value IS 'New value, as written.';
COMMENT ON COLUMN raw_corrections.reason IS 'Reason, as written.';
COMMENT ON COLUMN raw_corrections.reverses IS 'The correction reversed, as written.';
COMMENT ON COLUMN raw_corrections.extra_columns IS 'Filled cells of columns the format does not define, as JSON text.';
COMMENT ON COLUMN raw_corrections.loaded IS 'Whether the line was applied (false: see rejects).';
COMMENT ON COLUMN raw_corrections.load_id IS 'Load batch (load_log.load_id).';
COMMENT ON COLUMN raw_corrections.file_name IS 'File the line came from.';
COMMENT ON COLUMN raw_corrections.source_row_number IS 'CSV line or spreadsheet row (header = 1).';
