-- Panel findings a viewer may see, narrowed by embargo episode, finding type, confidence and the
-- year of the document (empty list = all). The Findings page reads everything through this.
CREATE MACRO panel_findings_filtered(visible, embargo_ids, finding_types, confidences, year_from,
    year_to)
AS TABLE
WITH wanted AS (
    SELECT
        CAST(visible AS VARCHAR[]) AS visible,
        CAST(embargo_ids AS VARCHAR[]) AS embargo_ids,
        CAST(finding_types AS VARCHAR[]) AS finding_types,
        CAST(confidences AS VARCHAR[]) AS confidences
)
SELECT f.*, year(f.document_date) AS document_year
FROM panel_findings AS f, wanted AS w
WHERE list_contains(w.visible, f.classification)
  AND year(f.document_date) BETWEEN CAST(year_from AS INTEGER) AND CAST(year_to AS INTEGER)
  AND (len(w.embargo_ids) = 0 OR list_contains(w.embargo_ids, f.embargo_id))
  AND (len(w.finding_types) = 0 OR list_contains(w.finding_types, f.finding_type))
  AND (len(w.confidences) = 0 OR list_contains(w.confidences, f.confidence));
