-- SDG indicator 16.4.2 by country and year, as its custodians define it: the proportion of
-- seized, found or surrendered arms whose illicit origin or context has been traced or
-- established. Denominator: weapons documented in the country and year (items of item_kind
-- weapon, any seizure context). Numerator: those weapons for which a trace request was answered
-- and named the last legal recipient or the diversion point.
CREATE MACRO sdg_16_4_2(visible) AS TABLE
WITH weapons AS (
    SELECT
        f.country_iso3,
        f.event_year,
        f.item_line_uid,
        coalesce(f.quantity, 1) AS weapons,
        EXISTS (
            SELECT 1 FROM trace_request_status AS t
            WHERE t.serial_normalized = f.serial_normalized
              AND (t.event_uid IS NULL OR t.event_uid = f.event_uid)
              AND t.origin_established
              AND list_contains(CAST(visible AS VARCHAR[]), t.classification)
        ) AS traced
    FROM seizure_item_facts_stored AS f
    WHERE f.item_kind = 'weapon'
      AND list_contains(CAST(visible AS VARCHAR[]), f.classification)
)
SELECT
    country_iso3,
    event_year AS year,
    coalesce(sum(weapons) FILTER (WHERE traced), 0) AS numerator,
    sum(weapons) AS denominator,
    round(coalesce(sum(weapons) FILTER (WHERE traced), 0) / sum(weapons), 4) AS proportion
FROM weapons
GROUP BY country_iso3, event_year
ORDER BY country_iso3, year;
