-- The fresh-supply items (fresh_supply_items, which follows the "as known on" date) counted per
-- classification, embargo, country, year, item kind and whether made after the embargo began:
-- fresh_supply_counts stores it. It names fresh_supply_items itself, so a small load's refresh
-- can stand the touched countries' rows in for it.
CREATE MACRO fresh_supply_counts_computed() AS TABLE
SELECT
    classification,
    embargo_id,
    any_value(embargo_short_name) AS embargo_short_name,
    any_value(embargo_start) AS embargo_start,
    country_iso3,
    year(event_date) AS event_year,
    item_kind,
    made_after_embargo_start,
    count(*) AS item_lines,
    max(manufacture_year) AS latest_manufacture_year
FROM fresh_supply_items
GROUP BY classification, embargo_id, country_iso3, year(event_date), item_kind,
    made_after_embargo_start
ORDER BY classification, embargo_id, country_iso3, event_year, item_kind,
    made_after_embargo_start;
