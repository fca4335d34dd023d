-- Post-embargo items (fresh supply) by country of manufacture: of the items and ammunition lots
-- documented under one embargo whose year of manufacture is known (fresh_supply_items), per
-- country of manufacture, how many and how many were made after the embargo began; only in one
-- country of seizure when `country` is given (NULL: every country of the embargo), and only of
-- items documented between date_from and date_to when given (NULL: no bound). Most fresh items
-- first.
CREATE MACRO fresh_supply_by_manufacture(visible, embargo, country, date_from, date_to) AS TABLE
SELECT
    country_of_manufacture,
    count(*) AS dated_lines,
    count(*) FILTER (WHERE made_after_embargo_start) AS fresh_lines,
    round(count(*) FILTER (WHERE made_after_embargo_start) / count(*), 4) AS fresh_share,
    max(manufacture_year) AS latest_manufacture_year
FROM fresh_supply_items
WHERE list_contains(CAST(visible AS VARCHAR[]), classification)
  AND embargo_id = CAST(embargo AS VARCHAR)
  AND (CAST(country AS VARCHAR) IS NULL OR country_iso3 = CAST(country AS VARCHAR))
  AND (CAST(date_from AS DATE) IS NULL OR event_date >= CAST(date_from AS DATE))
  AND (CAST(date_to AS DATE) IS NULL OR event_date <= CAST(date_to AS DATE))
GROUP BY country_of_manufacture
ORDER BY fresh_lines DESC, dated_lines DESC, country_of_manufacture NULLS LAST;
