-- Screened deliveries (screening_deliveries_filtered) counted by embargo, verdict and kind of
-- reason, most serious verdict first: distinct deliveries (a delivery several registers report
-- counts once, its items once: the largest number a register gives), the register lines
-- reporting them, the years concerned, the resolutions cited and one full reason as an example:
-- the first (the same example on every run: a figure shown twice must read the same).
CREATE MACRO screening_summary(visible, embargo_ids, verdicts, source_ids, year_from, year_to)
AS TABLE
SELECT
    embargo_short_name, embargo_id, verdict, reason_kind,
    count(*) AS deliveries,
    sum(reports) AS register_lines,
    sum(quantity_high) AS items,
    min(delivery_year) AS first_year,
    max(delivery_year) AS last_year,
    string_agg(DISTINCT citations, ' | ' ORDER BY citations) AS citations,
    min(reason) AS example_reason
FROM screening_deliveries_filtered(visible, embargo_ids, verdicts, source_ids, year_from, year_to)
GROUP BY embargo_short_name, embargo_id, verdict, reason_kind
ORDER BY
    list_position(
        ['violation_indicator', 'exemption_check', 'partial_overlap', 'outside_window'], verdict
    ),
    embargo_short_name, deliveries DESC, reason_kind;
