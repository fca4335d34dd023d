-- Supplier -> recipient flows over the filtered deliveries, with the centroids of both countries
-- for drawing arcs: one row per pair, largest first. A delivery several registers report counts
-- once (deliveries_filtered, added up from the stored groups: delivery_groups_filtered).
CREATE MACRO transfer_flows(
    visible, supplier_codes, recipient_codes, categories, source_ids, year_from, year_to
) AS TABLE
WITH pairs AS (
    SELECT
        supplier_iso3,
        recipient_iso3,
        any_value(supplier_name) AS supplier_name,
        any_value(recipient_name) AS recipient_name,
        CAST(sum(deliveries) AS BIGINT) AS deliveries,
        sum(items) AS items,
        coalesce(sum(tiv), 0) AS tiv,
        sum(register_lines) AS register_lines
    FROM delivery_groups_filtered(
        visible, supplier_codes, recipient_codes, categories, source_ids, year_from, year_to
    )
    WHERE supplier_iso3 IS NOT NULL
      AND recipient_iso3 IS NOT NULL
    GROUP BY supplier_iso3, recipient_iso3
),
centroids AS (
    SELECT country_iso3, any_value(label_lon) AS lon, any_value(label_lat) AS lat
    FROM country_shapes
    WHERE country_iso3 IS NOT NULL
    GROUP BY country_iso3
)
SELECT
    p.*,
    coalesce(sc.country_name, p.supplier_name) AS supplier_country,
    coalesce(rc.country_name, p.recipient_name) AS recipient_country,
    s.lon AS supplier_lon,
    s.lat AS supplier_lat,
    r.lon AS recipient_lon,
    r.lat AS recipient_lat
FROM pairs AS p
LEFT JOIN countries AS sc ON sc.country_iso3 = p.supplier_iso3
LEFT JOIN countries AS rc ON rc.country_iso3 = p.recipient_iso3
LEFT JOIN centroids AS s ON s.country_iso3 = p.supplier_iso3
LEFT JOIN centroids AS r ON r.country_iso3 = p.recipient_iso3
ORDER BY p.tiv DESC, p.deliveries DESC, p.supplier_iso3, p.recipient_iso3;
