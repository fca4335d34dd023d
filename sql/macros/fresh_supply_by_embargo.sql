-- The fresh-supply indicator per embargo, over the stored counts (fresh_supply_counts) of the
-- dated items a viewer may see: of the documented weapons and ammunition lots with a known year of
-- manufacture, how many were made after the embargo began. Counts item lines: a weapon line is an
-- item, an ammunition line a lot. Only in one country when `country` is given, and only of events
-- in [year_from, year_to] when those are given (NULL: every country, every year).
CREATE MACRO fresh_supply_by_embargo(visible, country, year_from, year_to) AS TABLE
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
FROM fresh_supply_counts_known
WHERE list_contains(CAST(visible AS VARCHAR[]), classification)
  AND (country IS NULL OR country_iso3 = country)
  AND (year_from IS NULL OR event_year >= year_from)
  AND (year_to IS NULL OR event_year <= year_to)
GROUP BY embargo_id;
