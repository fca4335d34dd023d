-- Panel-of-experts findings exactly as delivered (format poe-findings), every row read.
CREATE TABLE raw_panel_findings (
    finding_id VARCHAR,
    panel VARCHAR,
    document_symbol VARCHAR,
    document_date VARCHAR,
    finding_type VARCHAR,
    summary VARCHAR,
    confidence VARCHAR,
    paragraph VARCHAR,
    annex VARCHAR,
    target_iso3 VARCHAR,
    involved_states VARCHAR,
    involved_entities VARCHAR,
    related_event_ids VARCHAR,
    related_serials VARCHAR,
    classification VARCHAR,
    status VARCHAR,
    as_of VARCHAR,
    correction VARCHAR,
    extra_columns VARCHAR,
    loaded BOOLEAN NOT NULL,
    load_id VARCHAR NOT NULL,
    file_name VARCHAR NOT NULL,
    source_row_number BIGINT NOT NULL
);
COMMENT ON TABLE raw_panel_findings IS 'Panel-of-experts findings as delivered (CSV or XLSX, format poe-findings): every row read, valid or not, as text. Valid findings are in panel_findings, problems in rejects; both join here on load_id and row number.';
COMMENT ON COLUMN raw_panel_findings.finding_id IS 'Finding identifier, as written.';
COMMENT ON COLUMN raw_panel_findings.panel IS 'Panel (embargo_id, committee or panel name), as written.';
COMMENT ON COLUMN raw_panel_findings.document_symbol IS 'Document symbol, as written.';
COMMENT ON COLUMN raw_panel_findings.document_date IS 'Document date, as written.';
COMMENT ON COLUMN raw_panel_findings.finding_type IS 'Finding type, as written.';
COMMENT ON COLUMN raw_panel_findings.summary IS 'Summary, as written.';
COMMENT ON COLUMN raw_panel_findings.confidence IS 'Confidence, as written.';
COMMENT ON COLUMN raw_panel_findings.paragraph IS 'Paragraph, as written.';
COMMENT ON COLUMN raw_panel_findings.annex IS 'Annex, as written.';
COMMENT ON COLUMN raw_panel_findings.target_iso3 IS 'Target country, code or name as written.';
COMMENT ON COLUMN raw_panel_findings.involved_states IS 'Involved States, '';''-separated, as written.';
COMMENT ON COLUMN raw_panel_findings.involved_entities IS 'Involved entities, '';''-separated, as written.';
COMMENT ON COLUMN raw_panel_findings.related_event_ids IS 'Related seizure event ids, '';''-separated, as written.';
COMMENT ON COLUMN raw_panel_findings.related_serials IS 'Related serial numbers, '';''-separated, as written.';
COMMENT ON COLUMN raw_panel_findings.classification IS 'Classification, as written (empty = restricted).';
COMMENT ON COLUMN raw_panel_findings.status IS 'Status of the finding, as written (empty = reported).';
COMMENT ON COLUMN raw_panel_findings.as_of IS 'Date the row stands on, as written (empty = the latest date of the row).';
COMMENT ON COLUMN raw_panel_findings.correction IS 'Why the row corrects the version loaded, as written.';
COMMENT ON COLUMN raw_panel_findings.extra_columns IS 'Columns of the file outside the poe-findings format, as JSON text {column: value}; empty when there are none.';
COMMENT ON COLUMN raw_panel_findings.loaded IS 'True when the row went into panel_findings; false when it was rejected (reasons in rejects).';
COMMENT ON COLUMN raw_panel_findings.load_id IS 'Load batch (load_log.load_id).';
COMMENT ON COLUMN raw_panel_findings.file_name IS 'File the row came from.';
COMMENT ON COLUMN raw_panel_findings.source_row_number IS 'Line of the CSV where the record starts, or spreadsheet row; the header is 1.';
