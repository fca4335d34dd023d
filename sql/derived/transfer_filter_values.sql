-- What the transfer filters can offer at each classification, stored after every load and build:
-- the suppliers and recipients (country and the name a register gives it), the categories, the
-- sources and the first and last year (delivery, or order when not yet delivered) of the lines of
-- that classification. A viewer's lists are those of the classifications they may see
-- (transfer_filter_lists): a few hundred rows read instead of a million register lines scanned
-- four times on every Transfers, Flows and Screening page run.
CREATE TABLE transfer_filter_values AS
SELECT classification, 'supplier' AS kind, supplier_iso3 AS value, min(supplier_name) AS name,
    CAST(NULL AS INTEGER) AS first_year, CAST(NULL AS INTEGER) AS last_year
FROM transfers
WHERE supplier_iso3 IS NOT NULL
GROUP BY classification, supplier_iso3
UNION ALL
SELECT classification, 'recipient', recipient_iso3, min(recipient_name), NULL, NULL
FROM transfers
WHERE recipient_iso3 IS NOT NULL
GROUP BY classification, recipient_iso3
UNION ALL
SELECT classification, 'category', category, NULL, NULL, NULL
FROM transfers
GROUP BY classification, category
UNION ALL
SELECT classification, 'source', source_id, NULL, NULL, NULL
FROM transfers
GROUP BY classification, source_id
UNION ALL
SELECT classification, 'years', NULL, NULL,
    min(coalesce(delivery_year, order_year)), max(coalesce(delivery_year, order_year))
FROM transfers
GROUP BY classification
ORDER BY classification, kind, value;
COMMENT ON TABLE transfer_filter_values IS 'What the transfer filters can offer per classification of the register lines: suppliers and recipients (ISO3, with a name a register gives), categories, sources, and the first and last year (delivery, or order when not yet delivered); refreshed after every load and build.';
COMMENT ON COLUMN transfer_filter_values.classification IS 'Classification of the register lines the values come from.';
COMMENT ON COLUMN transfer_filter_values.kind IS 'supplier, recipient, category, source, or years (one row per classification, with first_year and last_year).';
COMMENT ON COLUMN transfer_filter_values.value IS 'The supplier or recipient (ISO3), category or source id; empty for years.';
COMMENT ON COLUMN transfer_filter_values.name IS 'A name a register gives the supplier or recipient (the first in alphabetical order).';
COMMENT ON COLUMN transfer_filter_values.first_year IS 'The earliest year of delivery, or of order when not yet delivered (years only).';
COMMENT ON COLUMN transfer_filter_values.last_year IS 'The latest year of delivery, or of order when not yet delivered (years only).';
