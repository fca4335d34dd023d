-- Exemption notifications and approval requests exactly as delivered (format exemptions), every row read.
CREATE TABLE raw_exemptions (
    notification_id VARCHAR,
    embargo_id VARCHAR,
    submitting_state VARCHAR,
    recipient VARCHAR,
    date_submitted VARCHAR,
    procedure VARCHAR,
    decision VARCHAR,
    decision_date VARCHAR,
    category VARCHAR,
    quantity VARCHAR,
    items_description VARCHAR,
    reference VARCHAR,
    classification VARCHAR,
    as_of VARCHAR,
    correction VARCHAR,
    extra_columns VARCHAR,
    loaded BOOLEAN NOT NULL,
    load_id VARCHAR NOT NULL,
    file_name VARCHAR NOT NULL,
    source_row_number BIGINT NOT NULL
);
COMMENT ON TABLE raw_exemptions IS 'Exemption notification lines as delivered (CSV or XLSX, format exemptions): every row read, valid or not, as text. Valid lines are in exemptions, problems in rejects; both join here on load_id and row number.';
COMMENT ON COLUMN raw_exemptions.notification_id IS 'Notification identifier, as written.';
COMMENT ON COLUMN raw_exemptions.embargo_id IS 'Embargo identifier, as written.';
COMMENT ON COLUMN raw_exemptions.submitting_state IS 'Submitting state, as written.';
COMMENT ON COLUMN raw_exemptions.recipient IS 'Recipient, as written.';
COMMENT ON COLUMN raw_exemptions.date_submitted IS 'Date submitted, as written.';
COMMENT ON COLUMN raw_exemptions.procedure IS 'notification or approval_request, as written.';
COMMENT ON COLUMN raw_exemptions.decision IS 'Decision, as written.';
COMMENT ON COLUMN raw_exemptions.decision_date IS 'Date of the decision, as written.';
COMMENT ON COLUMN raw_exemptions.category IS 'Category of the items, as written.';
COMMENT ON COLUMN raw_exemptions.quantity IS 'Quantity, as written.';
COMMENT ON COLUMN raw_exemptions.items_description IS 'Items described, as written.';
COMMENT ON COLUMN raw_exemptions.reference IS 'Committee reference, as written.';
COMMENT ON COLUMN raw_exemptions.classification IS 'Classification, as written (empty = restricted; not a FORMATS column, but files may carry it).';
COMMENT ON COLUMN raw_exemptions.as_of IS 'Date the row stands on, as written (empty = the latest date of the row).';
COMMENT ON COLUMN raw_exemptions.correction IS 'Why the row corrects the version loaded, as written.';
COMMENT ON COLUMN raw_exemptions.extra_columns IS 'Columns of the file outside the exemptions format, as JSON text {column: value}; empty when there are none.';
COMMENT ON COLUMN raw_exemptions.loaded IS 'True when the line went into exemptions; false when it was rejected (reasons in rejects).';
COMMENT ON COLUMN raw_exemptions.load_id IS 'Load batch (load_log.load_id).';
COMMENT ON COLUMN raw_exemptions.file_name IS 'File the row came from.';
COMMENT ON COLUMN raw_exemptions.source_row_number IS 'Line of the CSV where the record starts, or spreadsheet row; the header is 1.';
