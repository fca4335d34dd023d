-- Screened deliveries a viewer may see, narrowed by the Screening page filters (empty list = all).
CREATE MACRO screening_filtered(visible, embargo_ids, verdicts, source_ids, year_from, year_to)
AS TABLE
WITH wanted AS (
    SELECT
        CAST(visible AS VARCHAR[]) AS visible,
        CAST(embargo_ids AS VARCHAR[]) AS embargo_ids,
        CAST(verdicts AS VARCHAR[]) AS verdicts,
        CAST(source_ids AS VARCHAR[]) AS sources
)
SELECT s.*, e.short_name AS embargo_short_name
FROM transfer_screening_results AS s
JOIN embargoes AS e USING (embargo_id)
CROSS JOIN wanted AS w
WHERE list_contains(w.visible, s.classification)
  AND (len(w.embargo_ids) = 0 OR list_contains(w.embargo_ids, s.embargo_id))
  AND (len(w.verdicts) = 0 OR list_contains(w.verdicts, s.verdict))
  AND (len(w.sources) = 0 OR list_contains(w.sources, s.source))
  AND s.delivery_year BETWEEN year_from AND year_to;
