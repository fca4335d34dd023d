-- Tracing requests exactly as delivered (format traces), every row read.
CREATE TABLE raw_traces (
    trace_id VARCHAR,
    event_id VARCHAR,
    serial_number VARCHAR,
    requesting_entity VARCHAR,
    addressed_to VARCHAR,
    date_sent VARCHAR,
    date_response VARCHAR,
    status VARCHAR,
    last_legal_recipient_iso3 VARCHAR,
    last_legal_recipient_entity VARCHAR,
    transfer_year VARCHAR,
    diversion_point VARCHAR,
    transfer_ref VARCHAR,
    notes VARCHAR,
    classification VARCHAR,
    as_of VARCHAR,
    correction VARCHAR,
    extra_columns VARCHAR,
    loaded BOOLEAN NOT NULL,
    load_id VARCHAR NOT NULL,
    file_name VARCHAR NOT NULL,
    source_row_number BIGINT NOT NULL
);
COMMENT ON TABLE raw_traces IS 'Tracing request lines as delivered (CSV or XLSX, format traces): every row read, valid or not, as text. Valid lines are in trace_requests, problems in rejects; both join here on load_id and row number.';
COMMENT ON COLUMN raw_traces.trace_id IS 'Request identifier, as written.';
COMMENT ON COLUMN raw_traces.event_id IS 'Seizure event identifier, as written.';
COMMENT ON COLUMN raw_traces.serial_number IS 'Serial number, as written.';
COMMENT ON COLUMN raw_traces.requesting_entity IS 'Requesting entity, as written.';
COMMENT ON COLUMN raw_traces.addressed_to IS 'State or manufacturer addressed, as written.';
COMMENT ON COLUMN raw_traces.date_sent IS 'Date sent, as written.';
COMMENT ON COLUMN raw_traces.date_response IS 'Date of the answer, as written.';
COMMENT ON COLUMN raw_traces.status IS 'Status, as written.';
COMMENT ON COLUMN raw_traces.last_legal_recipient_iso3 IS 'Country of the last legal recipient, code or name as written.';
COMMENT ON COLUMN raw_traces.last_legal_recipient_entity IS 'Last legal recipient, as written.';
COMMENT ON COLUMN raw_traces.transfer_year IS 'Year of the transfer, as written.';
COMMENT ON COLUMN raw_traces.diversion_point IS 'Diversion point, as written.';
COMMENT ON COLUMN raw_traces.transfer_ref IS 'Transfer reference, as written.';
COMMENT ON COLUMN raw_traces.notes IS 'Notes, as written.';
COMMENT ON COLUMN raw_traces.classification IS 'Classification, as written (empty = restricted; not a FORMATS column, but files may carry it).';
COMMENT ON COLUMN raw_traces.as_of IS 'Date the row stands on, as written (empty = the latest date of the row).';
COMMENT ON COLUMN raw_traces.correction IS 'Why the row corrects the version loaded, as written.';
COMMENT ON COLUMN raw_traces.extra_columns IS 'Columns of the file outside the traces format, as JSON text {column: value}; empty when there are none.';
COMMENT ON COLUMN raw_traces.loaded IS 'True when the line went into trace_requests; false when it was rejected (reasons in rejects).';
COMMENT ON COLUMN raw_traces.load_id IS 'Load batch (load_log.load_id).';
COMMENT ON COLUMN raw_traces.file_name IS 'File the row came from.';
COMMENT ON COLUMN raw_traces.source_row_number IS 'Line of the CSV where the record starts, or spreadsheet row; the header is 1.';
