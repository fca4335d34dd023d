-- The distinct marking, lot number and headstamp texts of the item facts per classification
-- (seizure_item_search_keys, which stores it), from the facts as the warehouse knows them: the
-- stored ones, or those known on the "as known on" date. It names seizure_item_facts_stored
-- itself, so a small load's refresh can stand the touched rows in for it.
CREATE MACRO seizure_item_search_keys_computed() AS TABLE
WITH facts AS (
    -- the stored facts, or those known on the "as known on" date: only one side is read
    SELECT * FROM seizure_item_facts_stored WHERE getvariable('known_on') IS NULL
    UNION ALL BY NAME
    SELECT * FROM seizure_item_facts_as_known
)
SELECT classification, key_kind, search_key, count(*) AS item_lines
FROM (
    SELECT classification, 'marking' AS key_kind, markings_key AS search_key
    FROM facts
    UNION ALL
    SELECT classification, 'lot number', lot_number_key FROM facts
    UNION ALL
    SELECT classification, 'headstamp', headstamp_key FROM facts
)
WHERE search_key <> ''
GROUP BY classification, key_kind, search_key
ORDER BY classification, key_kind, search_key;
