-- Deliveries per year and category over the filtered transfers: distinct deliveries (one
-- reported by several registers counts once: deliveries_filtered, added up from the stored
-- groups: delivery_groups_filtered), their items and SIPRI TIV, and the register lines that
-- report them.
CREATE MACRO transfer_totals_by_year(
    visible, supplier_codes, recipient_codes, categories, source_ids, year_from, year_to
) AS TABLE
SELECT
    delivery_year,
    category,
    CAST(sum(deliveries) AS BIGINT) AS deliveries,
    sum(items) AS items,
    sum(tiv) AS tiv,
    sum(register_lines) AS register_lines
FROM delivery_groups_filtered(
    visible, supplier_codes, recipient_codes, categories, source_ids, year_from, year_to
)
GROUP BY delivery_year, category
ORDER BY delivery_year, category;
