-- Screened register lines a viewer may see (screening_lines_known: the row set of the viewer's
-- clearance), narrowed by the Screening page filters (screening_wanted), each with the delivery
-- it reports (delivery_matched_lines: one delivery reported by several registers has one delivery_id)
-- and its flow, and the exemption notifications on file counted among those the viewer may see.
CREATE MACRO screening_filtered(visible, embargo_ids, verdicts, source_ids, year_from, year_to)
AS TABLE
SELECT s.* EXCLUDE (clearance, clearance_rank_from, clearance_rank_to)
FROM screening_lines_known AS s
WHERE sees_row_set(s.clearance_rank_from, s.clearance_rank_to, visible)
  AND list_contains(CAST(visible AS VARCHAR[]), s.classification)
  AND screening_wanted(s.embargo_id, s.verdict, s.source, s.delivery_year, embargo_ids, verdicts,
                       source_ids, year_from, year_to);
