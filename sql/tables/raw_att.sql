-- Arms Trade Treaty annual report lines exactly as delivered (format att), every row read.
CREATE TABLE raw_att (
    reporting_state VARCHAR,
    year VARCHAR,
    flow VARCHAR,
    basis VARCHAR,
    category VARCHAR,
    counterpart_state VARCHAR,
    number_of_items VARCHAR,
    value VARCHAR,
    currency VARCHAR,
    description VARCHAR,
    comments VARCHAR,
    extra_columns VARCHAR,
    loaded BOOLEAN NOT NULL,
    load_id VARCHAR NOT NULL,
    file_name VARCHAR NOT NULL,
    source_row_number BIGINT NOT NULL
);
COMMENT ON TABLE raw_att IS 'Arms Trade Treaty annual report lines as delivered (CSV or XLSX, format att): every row read, valid or not, as text. Valid lines are in transfers (source att_reports), problems in rejects; both join here on load_id and row number.';
COMMENT ON COLUMN raw_att.reporting_state IS 'State Party that made the report, as written.';
COMMENT ON COLUMN raw_att.year IS 'Year the report covers, as written (authorisation year when basis is authorized).';
COMMENT ON COLUMN raw_att.flow IS 'export or import, as written.';
COMMENT ON COLUMN raw_att.basis IS 'authorized (authorisations granted) or actual (transfers made), as written.';
COMMENT ON COLUMN raw_att.category IS 'ATT category as written: I to VIII (VIII small arms and light weapons), optionally with a sub-category after a colon.';
COMMENT ON COLUMN raw_att.counterpart_state IS 'State exported to or imported from, as written; empty in a nil report.';
COMMENT ON COLUMN raw_att.number_of_items IS 'Number of items, as written; may be empty when value is given.';
COMMENT ON COLUMN raw_att.value IS 'Value of the transfer, as written; may be empty when number_of_items is given.';
COMMENT ON COLUMN raw_att.currency IS 'ISO 4217 currency of value, as written.';
COMMENT ON COLUMN raw_att.description IS 'Description of the items, as written.';
COMMENT ON COLUMN raw_att.comments IS 'Comments on the transfer, as written.';
COMMENT ON COLUMN raw_att.extra_columns IS 'Columns of the file outside the att format, as JSON text {column: value}; empty when there are none.';
COMMENT ON COLUMN raw_att.loaded IS 'True when the line went into transfers; false when it was rejected (reasons in rejects).';
COMMENT ON COLUMN raw_att.load_id IS 'Load batch (load_log.load_id).';
COMMENT ON COLUMN raw_att.file_name IS 'File the row came from.';
COMMENT ON COLUMN raw_att.source_row_number IS 'Line of the CSV where the record starts, or spreadsheet row; the header is 1.';
