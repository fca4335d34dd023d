-- The suppliers and recipients of the transfers a viewer may see, one row per role and country,
-- named as in countries (else as the register names them): the Transfers page's party filters.
CREATE MACRO transfer_parties(visible) AS TABLE
SELECT role, country_iso3, coalesce(any_value(c.country_name), any_value(name)) AS name
FROM (
    SELECT 'supplier' AS role, supplier_iso3 AS country_iso3, supplier_name AS name
    FROM transfers WHERE list_contains(visible, classification)
    UNION ALL
    SELECT 'recipient', recipient_iso3, recipient_name
    FROM transfers WHERE list_contains(visible, classification)
) AS p
LEFT JOIN countries AS c USING (country_iso3)
WHERE country_iso3 IS NOT NULL
GROUP BY role, country_iso3
ORDER BY name;
