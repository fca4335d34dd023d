-- Fresh-supply indicator per embargoed territory: of the documented weapons and ammunition lots
-- with a known year of manufacture, the share made after the embargo began. Counts item lines: a
-- weapon line is an item, an ammunition line a lot. Adds up the stored counts of
-- fresh_supply_items (fresh_supply_counts).
CREATE MACRO fresh_supply_indicator(visible) AS TABLE
SELECT
    embargo_id,
    any_value(embargo_short_name) AS embargo_short_name,
    any_value(embargo_start) AS embargo_start,
    CAST(sum(item_lines) AS BIGINT) AS dated_lines,
    CAST(coalesce(sum(item_lines) FILTER (WHERE made_after_embargo_start), 0) AS BIGINT)
        AS fresh_lines,
    CAST(coalesce(sum(item_lines) FILTER (WHERE item_kind = 'weapon'), 0) AS BIGINT)
        AS dated_weapons,
    CAST(
        coalesce(sum(item_lines) FILTER (WHERE item_kind = 'weapon' AND made_after_embargo_start), 0)
        AS BIGINT
    ) AS fresh_weapons,
    CAST(coalesce(sum(item_lines) FILTER (WHERE item_kind = 'ammunition'), 0) AS BIGINT)
        AS dated_ammunition_lots,
    CAST(
        coalesce(
            sum(item_lines) FILTER (WHERE item_kind = 'ammunition' AND made_after_embargo_start), 0
        )
        AS BIGINT
    ) AS fresh_ammunition_lots,
    round(
        coalesce(sum(item_lines) FILTER (WHERE made_after_embargo_start), 0) / sum(item_lines), 4
    ) AS fresh_share,
    max(latest_manufacture_year) AS latest_manufacture_year
FROM fresh_supply_counts
WHERE list_contains(CAST(visible AS VARCHAR[]), classification)
GROUP BY embargo_id
ORDER BY fresh_share DESC, embargo_id;
