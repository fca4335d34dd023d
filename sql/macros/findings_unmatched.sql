-- References of the findings a viewer may see under the Findings page filters that match
-- nothing the viewer may see: a reference matching only records above the clearance is listed as
-- unmatched, so the list does not betray that such records exist.
CREATE MACRO findings_unmatched(visible, embargo_ids, finding_types, confidences, year_from,
    year_to)
AS TABLE
SELECT
    f.finding_id, f.embargo_id, f.document_symbol, l.reference_kind,
    l.reference, f.file_name, f.source_row_number
FROM panel_findings_filtered(
    visible, embargo_ids, finding_types, confidences, year_from, year_to
) AS f
JOIN panel_finding_links AS l USING (finding_uid)
GROUP BY
    f.finding_id, f.embargo_id, f.document_symbol, l.reference_kind, l.position,
    l.reference, f.file_name, f.source_row_number
HAVING count(l.matched_id) FILTER (WHERE list_contains(visible, l.matched_classification)) = 0
ORDER BY f.embargo_id, f.finding_id, l.reference_kind, l.position;
