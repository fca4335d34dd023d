-- Screened deliveries a viewer may see (screening_deliveries_grouped), narrowed by the Screening
-- page filters (screening_wanted): read from the stored screening_delivery_rows of the viewer's
-- clearance when no "as known on" date is chosen, no register is chosen and the viewer sees
-- every level up to their clearance (as every viewer does), else grouped from the lines (a
-- register filter keeps only that register's reports of each delivery). The
-- filters on embargo, verdict and year are those of every line of a delivery, so they narrow the
-- stored deliveries exactly as they narrow the lines. Only one side is read: both conditions
-- are constants of the query.
CREATE MACRO screening_deliveries_filtered(
    visible, embargo_ids, verdicts, source_ids, year_from, year_to
) AS TABLE
SELECT d.* EXCLUDE (clearance, clearance_rank_from, clearance_rank_to)
FROM screening_delivery_rows AS d
WHERE getvariable('known_on') IS NULL
  AND len(CAST(source_ids AS VARCHAR[])) = 0
  AND list_sort(list_distinct(CAST(visible AS VARCHAR[])))
      = list_sort(levels_visible_at(clearance_of(visible)))
  AND sees_row_set(d.clearance_rank_from, d.clearance_rank_to, visible)
  AND screening_wanted(d.embargo_id, d.verdict, NULL, d.delivery_year, embargo_ids, verdicts,
                       source_ids, year_from, year_to)
UNION ALL BY NAME
SELECT * EXCLUDE (clearance, clearance_rank_from, clearance_rank_to)
FROM screening_deliveries_grouped(
    visible, visible, embargo_ids, verdicts, source_ids, year_from, year_to
)
WHERE getvariable('known_on') IS NOT NULL
   OR len(CAST(source_ids AS VARCHAR[])) > 0
   OR list_sort(list_distinct(CAST(visible AS VARCHAR[])))
      <> list_sort(levels_visible_at(clearance_of(visible)));
