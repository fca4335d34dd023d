-- UN Register of Conventional Arms report lines exactly as delivered (format unroca), every row read.
CREATE TABLE raw_unroca (
    reporting_state VARCHAR,
    calendar_year VARCHAR,
    flow VARCHAR,
    category VARCHAR,
    counterpart_state VARCHAR,
    number_of_items VARCHAR,
    state_of_origin VARCHAR,
    intermediate_location VARCHAR,
    description VARCHAR,
    comments VARCHAR,
    extra_columns VARCHAR,
    loaded BOOLEAN NOT NULL,
    load_id VARCHAR NOT NULL,
    file_name VARCHAR NOT NULL,
    source_row_number BIGINT NOT NULL
);
COMMENT ON TABLE raw_unroca IS 'UN Register of Conventional Arms report lines as delivered (CSV or XLSX, format unroca): every row read, valid or not, as text. Valid lines are in transfers (source un_register), problems in rejects; both join here on load_id and row number.';
COMMENT ON COLUMN raw_unroca.reporting_state IS 'State that made the report, as written.';
COMMENT ON COLUMN raw_unroca.calendar_year IS 'Calendar year the report covers, as written.';
COMMENT ON COLUMN raw_unroca.flow IS 'export or import, as written.';
COMMENT ON COLUMN raw_unroca.category IS 'UN Register category as written: I to VII, SALW-small:<name> or SALW-light:<name>.';
COMMENT ON COLUMN raw_unroca.counterpart_state IS 'State exported to or imported from, as written; empty in a nil report.';
COMMENT ON COLUMN raw_unroca.number_of_items IS 'Number of items, as written; 0 with an empty counterpart is a nil report.';
COMMENT ON COLUMN raw_unroca.state_of_origin IS 'State of origin when not the exporter, as written (empty when the column is absent).';
COMMENT ON COLUMN raw_unroca.intermediate_location IS 'Intermediate location of the transfer, as written (empty when the column is absent).';
COMMENT ON COLUMN raw_unroca.description IS 'Description of the items, as written.';
COMMENT ON COLUMN raw_unroca.comments IS 'Comments on the transfer, as written.';
COMMENT ON COLUMN raw_unroca.extra_columns IS 'Columns of the file outside the unroca format, as JSON text {column: value}; empty when there are none.';
COMMENT ON COLUMN raw_unroca.loaded IS 'True when the line went into transfers; false when it was rejected (reasons in rejects).';
COMMENT ON COLUMN raw_unroca.load_id IS 'Load batch (load_log.load_id).';
COMMENT ON COLUMN raw_unroca.file_name IS 'File the row came from.';
COMMENT ON COLUMN raw_unroca.source_row_number IS 'Line of the CSV where the record starts, or spreadsheet row; the header is 1.';
