-- Search documented items by serial (full, prefix or part, compared in normalised form), by
-- marking text, lot number or headstamp: one row per sighting, best matches first (exact serial,
-- serial prefix, serial part, marking, lot number, headstamp; then by serial, date and item
-- line); max_rows (optional) keeps only that many of the best. Over the stored item facts
-- (item_search_stored), or, when an "as known on" date is chosen (session variable known_on),
-- over the facts of the versions known then (item_search_as_known). The variable is a constant
-- of the query: only one side is read.
CREATE MACRO item_search(visible, search_text, max_rows := 9223372036854775807) AS TABLE
SELECT *
FROM (
    SELECT * FROM item_search_stored(visible, search_text, max_rows := max_rows)
    WHERE getvariable('known_on') IS NULL
    UNION ALL BY NAME
    SELECT * FROM item_search_as_known(visible, search_text, max_rows := max_rows)
    WHERE getvariable('known_on') IS NOT NULL
)
ORDER BY list_position(['serial (exact)', 'serial (prefix)', 'serial (part)', 'marking',
    'lot number', 'headstamp'], matched_on), serial_normalized, event_date, item_line_uid;
