-- The suppliers of the registered deliveries to a country in [year_from, year_to] that a viewer
-- may see, per source: distinct deliveries (one the exporter and the importer both report counts
-- once: delivery_matched_lines at the viewer's clearance), their items (the largest number a report
-- gives), SIPRI TIV and the years; the largest first.
CREATE MACRO country_top_suppliers(visible, country, year_from, year_to) AS TABLE
WITH per_delivery AS (
    SELECT
        t.source_id,
        t.supplier_iso3,
        coalesce(m.delivery_id, t.transfer_id) AS delivery_id,
        any_value(t.supplier_name) AS supplier_name,
        max(t.quantity) AS items,
        sum(t.value) FILTER (WHERE t.value_unit = 'TIV') AS tiv,
        min(t.delivery_year) AS delivery_year
    FROM transfers AS t
    LEFT JOIN delivery_matched_lines AS m
        ON m.transfer_id = t.transfer_id AND m.clearance = clearance_of(visible)
    WHERE t.recipient_iso3 = country
      AND t.delivery_year BETWEEN year_from AND year_to
      AND NOT t.is_nil_report
      AND list_contains(visible, t.classification)
    GROUP BY t.source_id, t.supplier_iso3, coalesce(m.delivery_id, t.transfer_id)
)
SELECT
    d.source_id,
    d.supplier_iso3,
    coalesce(any_value(c.country_name), any_value(d.supplier_name)) AS supplier,
    count(*) AS deliveries,
    sum(d.items) AS items,
    sum(d.tiv) AS tiv,
    min(d.delivery_year) AS first_year,
    max(d.delivery_year) AS last_year
FROM per_delivery AS d
LEFT JOIN countries AS c ON c.country_iso3 = d.supplier_iso3
GROUP BY d.source_id, d.supplier_iso3
ORDER BY tiv DESC NULLS LAST, items DESC NULLS LAST, supplier;
