-- Findings of Security Council panels and groups of experts (format poe-findings): one row per finding.
CREATE TABLE panel_findings (
    finding_uid VARCHAR NOT NULL,
    finding_id VARCHAR NOT NULL,
    panel VARCHAR NOT NULL,
    embargo_id VARCHAR NOT NULL,
    document_symbol VARCHAR NOT NULL,
    document_date DATE NOT NULL,
    paragraph VARCHAR,
    annex VARCHAR,
    finding_type VARCHAR NOT NULL,
    target_iso3 VARCHAR,
    summary VARCHAR NOT NULL,
    confidence VARCHAR NOT NULL,
    classification VARCHAR NOT NULL,
    load_id VARCHAR NOT NULL,
    file_name VARCHAR NOT NULL,
    source_row_number BIGINT NOT NULL
);
COMMENT ON TABLE panel_findings IS 'Findings of Security Council panels and groups of experts, each cited to its document, paragraph and annex: one row per finding. The States, entities, events and serials a finding names are in panel_finding_references and resolved in panel_finding_links.';
COMMENT ON COLUMN panel_findings.finding_uid IS 'Unique id of the finding: embargo_id, a colon, finding_id.';
COMMENT ON COLUMN panel_findings.finding_id IS 'Finding identifier as the panel or the user gives it (unique per regime).';
COMMENT ON COLUMN panel_findings.panel IS 'The panel as written in the file: an embargo_id, a committee or a panel name.';
COMMENT ON COLUMN panel_findings.embargo_id IS 'The embargo episode the panel monitors (embargoes.embargo_id), resolved from panel and, where a committee served several episodes, the document date.';
COMMENT ON COLUMN panel_findings.document_symbol IS 'UN document symbol of the report, e.g. S/2024/123 (synthetic findings: SYN/...).';
COMMENT ON COLUMN panel_findings.document_date IS 'Date of the document.';
COMMENT ON COLUMN panel_findings.paragraph IS 'Paragraph(s) of the document, as written (e.g. 45 or 45-47).';
COMMENT ON COLUMN panel_findings.annex IS 'Annex of the document, as written (e.g. 12 or 12.3).';
COMMENT ON COLUMN panel_findings.finding_type IS 'Vocabulary finding_type (table vocabularies).';
COMMENT ON COLUMN panel_findings.target_iso3 IS 'Country the finding concerns (ISO 3166-1 alpha-3; names mapped through country_aliases).';
COMMENT ON COLUMN panel_findings.summary IS 'What the panel found, in a sentence or two.';
COMMENT ON COLUMN panel_findings.confidence IS 'Vocabulary finding_confidence (table vocabularies): how firmly the panel established the finding.';
COMMENT ON COLUMN panel_findings.classification IS 'public, restricted, confidential or strictly_confidential (default restricted).';
COMMENT ON COLUMN panel_findings.load_id IS 'Load batch (load_log.load_id).';
COMMENT ON COLUMN panel_findings.file_name IS 'File the finding came from.';
COMMENT ON COLUMN panel_findings.source_row_number IS 'Line of the CSV where the record starts, or spreadsheet row (header = 1).';
