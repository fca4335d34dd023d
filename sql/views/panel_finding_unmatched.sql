-- References of panel findings that match nothing in the warehouse.
CREATE VIEW panel_finding_unmatched AS
SELECT
    l.finding_uid,
    f.finding_id,
    f.embargo_id,
    f.document_symbol,
    l.reference_kind,
    l.position,
    l.reference,
    f.classification,
    f.file_name,
    f.source_row_number
FROM panel_finding_links AS l
JOIN panel_findings AS f USING (finding_uid)
WHERE l.matched_kind IS NULL;
COMMENT ON VIEW panel_finding_unmatched IS 'Every State, entity, seizure event or serial a panel finding names that matches nothing in the warehouse (an unknown State name, an event or item not loaded, an entity not on the sanctions list): the finding is kept, and these are what to check.';
COMMENT ON COLUMN panel_finding_unmatched.finding_uid IS 'The finding (panel_findings.finding_uid).';
COMMENT ON COLUMN panel_finding_unmatched.finding_id IS 'The finding''s identifier.';
COMMENT ON COLUMN panel_finding_unmatched.embargo_id IS 'Embargo episode of the finding.';
COMMENT ON COLUMN panel_finding_unmatched.document_symbol IS 'Document of the finding.';
COMMENT ON COLUMN panel_finding_unmatched.reference_kind IS 'state, entity, event or serial.';
COMMENT ON COLUMN panel_finding_unmatched.position IS 'Position of the entry in its list.';
COMMENT ON COLUMN panel_finding_unmatched.reference IS 'The entry as written.';
COMMENT ON COLUMN panel_finding_unmatched.classification IS 'Classification of the finding.';
COMMENT ON COLUMN panel_finding_unmatched.file_name IS 'File the finding came from.';
COMMENT ON COLUMN panel_finding_unmatched.source_row_number IS 'Row of the finding in that file.';
