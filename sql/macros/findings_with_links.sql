-- The findings a viewer may see under the Findings page filters (panel_findings_filtered), each
-- with how many seizure events, item lines and listed parties its references link to among the
-- records the viewer may see; newest document first.
CREATE MACRO findings_with_links(visible, embargo_ids, finding_types, confidences, year_from,
    year_to)
AS TABLE
WITH f AS (
    SELECT *
    FROM panel_findings_filtered(
        visible, embargo_ids, finding_types, confidences, year_from, year_to
    )
),
links AS (
    SELECT
        finding_uid,
        count(DISTINCT matched_id) FILTER (WHERE matched_kind = 'seizure_event') AS events,
        count(DISTINCT matched_id) FILTER (WHERE matched_kind = 'seizure_item') AS items,
        count(DISTINCT matched_id) FILTER (WHERE matched_kind = 'sanctioned_party') AS parties
    FROM panel_finding_links
    WHERE list_contains(visible, matched_classification)
    GROUP BY finding_uid
)
SELECT
    f.finding_uid, f.embargo_id, e.short_name AS panel_name, f.document_symbol,
    f.document_date, f.paragraph, f.annex, f.finding_type, f.confidence, f.target_iso3,
    f.summary, coalesce(l.events, 0) AS events, coalesce(l.items, 0) AS items,
    coalesce(l.parties, 0) AS listed_parties, f.classification, f.file_name,
    f.source_row_number
FROM f
JOIN embargoes AS e USING (embargo_id)
LEFT JOIN links AS l USING (finding_uid)
ORDER BY f.document_date DESC, f.document_symbol, f.finding_uid;
