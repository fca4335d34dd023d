-- Rows that failed validation: kept with the reason, never silently dropped.
CREATE TABLE rejects (
    load_id VARCHAR NOT NULL,
    file_name VARCHAR NOT NULL,
    row_number BIGINT NOT NULL,
    column_name VARCHAR,
    value VARCHAR,
    reason VARCHAR NOT NULL,
    resolved_by_load_id VARCHAR
);
COMMENT ON TABLE rejects IS 'Rows refused by validation, one row per problem: file, row number, column, offending value and a plain-language reason. A rejected row that a later reprocessing loaded (embargo reprocess-rejects) keeps its rejects as history, with the load that loaded it.';
COMMENT ON COLUMN rejects.load_id IS 'Load batch the row belonged to (load_log.load_id).';
COMMENT ON COLUMN rejects.file_name IS 'File the row came from.';
COMMENT ON COLUMN rejects.row_number IS 'Line number of the row in the file, counting the header as line 1.';
COMMENT ON COLUMN rejects.column_name IS 'Column holding the offending value; empty when the whole row is at fault.';
COMMENT ON COLUMN rejects.value IS 'The offending value as it stood in the file.';
COMMENT ON COLUMN rejects.reason IS 'What is wrong and what was expected.';
COMMENT ON COLUMN rejects.resolved_by_load_id IS 'The load that later loaded the row from the kept raw file (embargo reprocess-rejects), after the name or reference data it lacked was added: the reject is resolved; empty while the row stays rejected.';
