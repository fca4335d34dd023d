-- Deliveries per year and category over the filtered transfers: rows, items and SIPRI TIV.
CREATE MACRO transfer_totals_by_year(
    visible, supplier_codes, recipient_codes, categories, source_ids, year_from, year_to
) AS TABLE
SELECT
    delivery_year,
    category,
    count(*) AS deliveries,
    sum(quantity) AS items,
    sum(value) FILTER (WHERE value_unit = 'TIV') AS tiv
FROM transfers_filtered(
    visible, supplier_codes, recipient_codes, categories, source_ids, year_from, year_to
)
WHERE delivery_year IS NOT NULL
GROUP BY delivery_year, category
ORDER BY delivery_year, category;
