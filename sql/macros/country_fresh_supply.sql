-- The fresh-supply indicator (as fresh_supply_indicator counts it) for the items a viewer may see
-- documented in a country in [year_from, year_to] while each embargo on it applied, from the
-- stored counts (fresh_supply_counts): dated lines, weapons and ammunition lots, and how many of
-- each were made after the embargo began.
CREATE MACRO country_fresh_supply(visible, country, year_from, year_to) AS TABLE
SELECT
    embargo_id,
    any_value(embargo_short_name) AS embargo_short_name,
    any_value(embargo_start) AS embargo_start,
    CAST(sum(item_lines) AS BIGINT) AS dated_lines,
    CAST(coalesce(sum(item_lines) FILTER (WHERE made_after_embargo_start), 0) AS BIGINT)
        AS fresh_lines,
    CAST(coalesce(sum(item_lines) FILTER (WHERE item_kind = 'weapon'), 0) AS BIGINT)
        AS dated_weapons,
    CAST(coalesce(sum(item_lines) FILTER (
        WHERE item_kind = 'weapon' AND made_after_embargo_start
    ), 0) AS BIGINT) AS fresh_weapons,
    CAST(coalesce(sum(item_lines) FILTER (WHERE item_kind = 'ammunition'), 0) AS BIGINT)
        AS dated_ammunition_lots,
    CAST(coalesce(sum(item_lines) FILTER (
        WHERE item_kind = 'ammunition' AND made_after_embargo_start
    ), 0) AS BIGINT) AS fresh_ammunition_lots,
    round(
        coalesce(sum(item_lines) FILTER (WHERE made_after_embargo_start), 0) / sum(item_lines), 4
    ) AS fresh_share,
    max(latest_manufacture_year) AS latest_manufacture_year
FROM fresh_supply_counts
WHERE list_contains(visible, classification)
  AND country_iso3 = country
  AND event_year BETWEEN year_from AND year_to
GROUP BY embargo_id
ORDER BY embargo_start, embargo_id;
