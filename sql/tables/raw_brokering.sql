-- Brokering records exactly as delivered (format brokering), every row read.
CREATE TABLE raw_brokering (
    licence_id VARCHAR,
    reporting_state VARCHAR,
    decision VARCHAR,
    decision_date VARCHAR,
    broker_name VARCHAR,
    broker_country VARCHAR,
    source_country VARCHAR,
    destination_country VARCHAR,
    end_user VARCHAR,
    category VARCHAR,
    description VARCHAR,
    quantity VARCHAR,
    value VARCHAR,
    currency VARCHAR,
    source_document VARCHAR,
    classification VARCHAR,
    as_of VARCHAR,
    correction VARCHAR,
    extra_columns VARCHAR,
    loaded BOOLEAN NOT NULL,
    load_id VARCHAR NOT NULL,
    file_name VARCHAR NOT NULL,
    source_row_number BIGINT NOT NULL
);
COMMENT ON TABLE raw_brokering IS 'Brokering records as delivered (CSV or XLSX, format brokering): every row read, valid or not, as text. Valid rows are in brokering_record_versions, problems in rejects; both join here on load_id and row number.';
COMMENT ON COLUMN raw_brokering.licence_id IS 'Licence identifier, as written.';
COMMENT ON COLUMN raw_brokering.reporting_state IS 'Reporting State, as written.';
COMMENT ON COLUMN raw_brokering.decision IS 'Decision (issued, refused or revoked), as written.';
COMMENT ON COLUMN raw_brokering.decision_date IS 'Decision date, as written.';
COMMENT ON COLUMN raw_brokering.broker_name IS 'Broker, as written.';
COMMENT ON COLUMN raw_brokering.broker_country IS 'Broker''s country, as written.';
COMMENT ON COLUMN raw_brokering.source_country IS 'Source (supplier) country, as written.';
COMMENT ON COLUMN raw_brokering.destination_country IS 'Destination (recipient) country, as written.';
COMMENT ON COLUMN raw_brokering.end_user IS 'End user, as written.';
COMMENT ON COLUMN raw_brokering.category IS 'Category, as written.';
COMMENT ON COLUMN raw_brokering.description IS 'Items described, as written.';
COMMENT ON COLUMN raw_brokering.quantity IS 'Quantity, as written.';
COMMENT ON COLUMN raw_brokering.value IS 'Value, as written.';
COMMENT ON COLUMN raw_brokering.currency IS 'Currency, as written.';
COMMENT ON COLUMN raw_brokering.source_document IS 'Source document, as written.';
COMMENT ON COLUMN raw_brokering.classification IS 'Classification, as written (empty = restricted).';
COMMENT ON COLUMN raw_brokering.as_of IS 'Date the row stands on, as written (empty = the decision date).';
COMMENT ON COLUMN raw_brokering.correction IS 'Why the row corrects the version loaded, as written.';
COMMENT ON COLUMN raw_brokering.extra_columns IS 'Columns of the file outside the brokering format, as JSON text {column: value}; empty when there are none.';
COMMENT ON COLUMN raw_brokering.loaded IS 'True when the row went into brokering_record_versions; false when it was rejected (reasons in rejects).';
COMMENT ON COLUMN raw_brokering.load_id IS 'Load batch (load_log.load_id).';
COMMENT ON COLUMN raw_brokering.file_name IS 'File the row came from.';
COMMENT ON COLUMN raw_brokering.source_row_number IS 'Line of the CSV where the record starts, or spreadsheet row; the header is 1.';
