-- Screened deliveries (screening_filtered) counted by embargo, verdict and kind of reason, most
-- serious verdict first, with the years concerned, the resolutions cited and one full reason as
-- an example: the first (the same example on every run: a figure shown twice must read the same).
CREATE MACRO screening_summary(visible, embargo_ids, verdicts, source_ids, year_from, year_to)
AS TABLE
SELECT
    embargo_short_name, embargo_id, verdict, reason_kind,
    count(*) AS deliveries,
    sum(quantity) AS items,
    min(delivery_year) AS first_year,
    max(delivery_year) AS last_year,
    string_agg(DISTINCT citation, ' | ' ORDER BY citation) AS citations,
    min(reason) AS example_reason
FROM screening_filtered(visible, embargo_ids, verdicts, source_ids, year_from, year_to)
GROUP BY embargo_short_name, embargo_id, verdict, reason_kind
ORDER BY
    list_position(
        ['violation_indicator', 'exemption_check', 'partial_overlap', 'outside_window'], verdict
    ),
    embargo_short_name, deliveries DESC, reason_kind;
