-- Findings of Security Council panels and groups of experts (format poe-findings): one row per finding.
CREATE TABLE panel_finding_versions (
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
    status VARCHAR NOT NULL,
    classification VARCHAR NOT NULL,
    as_of DATE NOT NULL,
    correction VARCHAR,
    version INTEGER NOT NULL,
    recorded_at TIMESTAMP NOT NULL,
    superseded_at TIMESTAMP,
    superseded_by_load_id VARCHAR,
    load_id VARCHAR NOT NULL,
    file_name VARCHAR NOT NULL,
    source_row_number BIGINT NOT NULL
);
COMMENT ON TABLE panel_finding_versions IS 'Findings of Security Council panels and groups of experts, each cited to its document, paragraph and annex: one row per finding. The States, entities, events and serials a finding names are in panel_finding_references and resolved in panel_finding_links. Every version of each finding: a later report that confirms, revises or retracts it adds a version and marks the earlier superseded; the view panel_findings shows the current version of each finding not retracted (or those known on a date).';
COMMENT ON COLUMN panel_finding_versions.finding_uid IS 'Unique id of the finding: embargo_id, a colon, finding_id.';
COMMENT ON COLUMN panel_finding_versions.finding_id IS 'Finding identifier as the panel or the user gives it (unique per regime).';
COMMENT ON COLUMN panel_finding_versions.panel IS 'The panel as written in the file: an embargo_id, a committee or a panel name.';
COMMENT ON COLUMN panel_finding_versions.embargo_id IS 'The embargo episode the panel monitors (embargoes.embargo_id), resolved from panel and, where a committee served several episodes, the document date.';
COMMENT ON COLUMN panel_finding_versions.document_symbol IS 'UN document symbol of the report, e.g. S/2024/123 (synthetic findings: SYN/...).';
COMMENT ON COLUMN panel_finding_versions.document_date IS 'Date of the document.';
COMMENT ON COLUMN panel_finding_versions.paragraph IS 'Paragraph(s) of the document, as written (e.g. 45 or 45-47).';
COMMENT ON COLUMN panel_finding_versions.annex IS 'Annex of the document, as written (e.g. 12 or 12.3).';
COMMENT ON COLUMN panel_finding_versions.finding_type IS 'Vocabulary finding_type (table vocabularies).';
COMMENT ON COLUMN panel_finding_versions.target_iso3 IS 'Country the finding concerns (ISO 3166-1 alpha-3; names mapped through country_aliases).';
COMMENT ON COLUMN panel_finding_versions.summary IS 'What the panel found, in a sentence or two.';
COMMENT ON COLUMN panel_finding_versions.confidence IS 'Vocabulary finding_confidence (table vocabularies): how firmly the panel established the finding.';
COMMENT ON COLUMN panel_finding_versions.status IS 'Where the finding stands: vocabulary finding_status (reported, confirmed, revised, retracted).';
COMMENT ON COLUMN panel_finding_versions.classification IS 'public, restricted, confidential or strictly_confidential (default restricted).';
COMMENT ON COLUMN panel_finding_versions.as_of IS 'Date the finding version stands on: the file''s as_of, else the document_date.';
COMMENT ON COLUMN panel_finding_versions.correction IS 'Why this version corrects the one before it (the file''s correction column); empty otherwise.';
COMMENT ON COLUMN panel_finding_versions.version IS '1 for the first version of the finding, then 2, 3, ... for each later one.';
COMMENT ON COLUMN panel_finding_versions.recorded_at IS 'When the version entered the warehouse (UTC): "as known on" a date compares it.';
COMMENT ON COLUMN panel_finding_versions.superseded_at IS 'When a later version replaced it (UTC); empty for the current version.';
COMMENT ON COLUMN panel_finding_versions.superseded_by_load_id IS 'The load that brought the later version (load_log.load_id); empty for the current version.';
COMMENT ON COLUMN panel_finding_versions.load_id IS 'Load batch (load_log.load_id).';
COMMENT ON COLUMN panel_finding_versions.file_name IS 'File the finding came from.';
COMMENT ON COLUMN panel_finding_versions.source_row_number IS 'Line of the CSV where the record starts, or spreadsheet row (header = 1).';
