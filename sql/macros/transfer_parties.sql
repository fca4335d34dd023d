-- The suppliers and recipients of the transfers a viewer may see, one row per role and country,
-- named as in countries (else as the register names them): the Transfers page's party filters,
-- from the stored values of the classifications the viewer may see (transfer_filter_values).
CREATE MACRO transfer_parties(visible) AS TABLE
SELECT v.kind AS role, v.value AS country_iso3,
    coalesce(any_value(c.country_name), min(v.name)) AS name
FROM transfer_filter_values AS v
LEFT JOIN countries AS c ON c.country_iso3 = v.value
WHERE v.kind IN ('supplier', 'recipient') AND list_contains(visible, v.classification)
GROUP BY v.kind, v.value
ORDER BY name;
