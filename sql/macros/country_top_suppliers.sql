-- The suppliers of the registered deliveries to a country in [year_from, year_to] that a viewer
-- may see, per source: deliveries, items, SIPRI TIV and the years; the largest first.
CREATE MACRO country_top_suppliers(visible, country, year_from, year_to) AS TABLE
SELECT
    t.source_id,
    t.supplier_iso3,
    coalesce(any_value(c.country_name), any_value(t.supplier_name)) AS supplier,
    count(*) AS deliveries,
    sum(t.quantity) AS items,
    sum(t.value) FILTER (WHERE t.value_unit = 'TIV') AS tiv,
    min(t.delivery_year) AS first_year,
    max(t.delivery_year) AS last_year
FROM transfers AS t
LEFT JOIN countries AS c ON c.country_iso3 = t.supplier_iso3
WHERE t.recipient_iso3 = country
  AND t.delivery_year BETWEEN year_from AND year_to
  AND NOT t.is_nil_report
  AND list_contains(visible, t.classification)
GROUP BY t.source_id, t.supplier_iso3
ORDER BY tiv DESC NULLS LAST, items DESC NULLS LAST, supplier;
