-- Screened register lines a viewer may see (screening_lines_known: the row set of the viewer's
-- clearance), narrowed by the Screening page filters (empty list = all), each with the delivery
-- it reports (delivery_matches: one delivery reported by several registers has one delivery_id)
-- and its flow, and the exemption notifications on file counted among those the viewer may see.
CREATE MACRO screening_filtered(visible, embargo_ids, verdicts, source_ids, year_from, year_to)
AS TABLE
SELECT s.* EXCLUDE (clearance)
FROM screening_lines_known AS s
WHERE s.clearance = clearance_of(visible)
  AND list_contains(CAST(visible AS VARCHAR[]), s.classification)
  AND (len(CAST(embargo_ids AS VARCHAR[])) = 0
       OR list_contains(CAST(embargo_ids AS VARCHAR[]), s.embargo_id))
  AND (len(CAST(verdicts AS VARCHAR[])) = 0
       OR list_contains(CAST(verdicts AS VARCHAR[]), s.verdict))
  AND (len(CAST(source_ids AS VARCHAR[])) = 0
       OR list_contains(CAST(source_ids AS VARCHAR[]), s.source))
  AND s.delivery_year BETWEEN year_from AND year_to;
