-- The deliveries behind the filtered transfers (deliveries_filtered), counted per supplier,
-- recipient, delivery year, category and the parties' names: read from the stored groups
-- (delivery_groups) of the viewer's clearance when no category or source filter is set (the
-- supplier, recipient and year of a delivery are those of each of its lines), else grouped from
-- the filtered lines, whose category and items a delivery then takes from the lines kept. Only
-- one side is read: the filters are constants of the query.
CREATE MACRO delivery_groups_filtered(
    visible, supplier_codes, recipient_codes, categories, source_ids, year_from, year_to
) AS TABLE
SELECT
    g.supplier_iso3,
    g.recipient_iso3,
    g.delivery_year,
    g.category,
    g.supplier_name,
    g.recipient_name,
    g.deliveries,
    g.items,
    g.tiv,
    g.register_lines
FROM delivery_groups AS g
WHERE len(CAST(categories AS VARCHAR[])) = 0
  AND len(CAST(source_ids AS VARCHAR[])) = 0
  AND sees_row_set(g.clearance_rank_from, g.clearance_rank_to, visible)
  AND (len(CAST(supplier_codes AS VARCHAR[])) = 0
       OR list_contains(CAST(supplier_codes AS VARCHAR[]), g.supplier_iso3))
  AND (len(CAST(recipient_codes AS VARCHAR[])) = 0
       OR list_contains(CAST(recipient_codes AS VARCHAR[]), g.recipient_iso3))
  AND g.delivery_year BETWEEN year_from AND year_to
UNION ALL
SELECT
    supplier_iso3,
    recipient_iso3,
    delivery_year,
    category,
    supplier_name,
    recipient_name,
    count(*) AS deliveries,
    sum(items) AS items,
    sum(tiv) AS tiv,
    sum(register_lines) AS register_lines
FROM deliveries_filtered(
    visible, supplier_codes, recipient_codes, categories, source_ids, year_from, year_to
)
WHERE len(CAST(categories AS VARCHAR[])) > 0 OR len(CAST(source_ids AS VARCHAR[])) > 0
GROUP BY ALL;
