-- The fresh-supply indicator per embargo (the columns of fresh_supply_by_embargo) of the items
-- documented between date_from and date_to (event dates, both days included; NULL: no bound),
-- only in one country when `country` is given: the seizure pages' period, which the stored
-- yearly counts cannot follow to the day. Counts item lines, as fresh_supply_by_embargo does.
CREATE MACRO fresh_supply_in_period(visible, country, date_from, date_to) AS TABLE
SELECT
    embargo_id,
    any_value(embargo_short_name) AS embargo_short_name,
    any_value(embargo_start) AS embargo_start,
    count(*) AS dated_lines,
    count(*) FILTER (WHERE made_after_embargo_start) AS fresh_lines,
    count(*) FILTER (WHERE item_kind = 'weapon') AS dated_weapons,
    count(*) FILTER (WHERE item_kind = 'weapon' AND made_after_embargo_start) AS fresh_weapons,
    count(*) FILTER (WHERE item_kind = 'ammunition') AS dated_ammunition_lots,
    count(*) FILTER (WHERE item_kind = 'ammunition' AND made_after_embargo_start)
        AS fresh_ammunition_lots,
    round(count(*) FILTER (WHERE made_after_embargo_start) / count(*), 4) AS fresh_share,
    max(manufacture_year) AS latest_manufacture_year
FROM fresh_supply_items
WHERE list_contains(CAST(visible AS VARCHAR[]), classification)
  AND (CAST(country AS VARCHAR) IS NULL OR country_iso3 = CAST(country AS VARCHAR))
  AND (CAST(date_from AS DATE) IS NULL OR event_date >= CAST(date_from AS DATE))
  AND (CAST(date_to AS DATE) IS NULL OR event_date <= CAST(date_to AS DATE))
GROUP BY embargo_id
ORDER BY fresh_share DESC, embargo_id;
