-- Screened deliveries (screening_deliveries_filtered), each once per embargo however many
-- registers report it, with every report of it (reported_by: the register, the side that
-- reported, export or import, the number it gives and the line). The quantity is the range the
-- reports give (equal when they agree). The weapon is the fullest description among the reports.
-- Most serious verdict first, then by embargo, delivery year and delivery.
CREATE MACRO screening_deliveries(visible, embargo_ids, verdicts, source_ids, year_from, year_to)
AS TABLE
SELECT * EXCLUDE (embargo_short_name, citations)
FROM screening_deliveries_filtered(visible, embargo_ids, verdicts, source_ids, year_from, year_to)
ORDER BY
    list_position(
        ['violation_indicator', 'exemption_check', 'partial_overlap', 'outside_window'], verdict
    ),
    embargo_id, delivery_year, delivery_id;
