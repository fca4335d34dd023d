-- Fresh-supply indicator per embargoed territory: of the documented weapons and ammunition lots
-- with a known year of manufacture, the share made after the embargo began. Counts item lines: a
-- weapon line is an item, an ammunition line a lot.
CREATE MACRO fresh_supply_indicator(visible) AS TABLE
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
GROUP BY embargo_id
ORDER BY fresh_share DESC, embargo_id;
