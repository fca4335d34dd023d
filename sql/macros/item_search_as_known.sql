-- Item search over the item facts known on the session's "as known on" date
-- (seizure_item_facts_as_known), with the matches of item_search_stored: a serial containing
-- the normalised text (exact, prefix or part), else a marking, lot number or headstamp containing
-- the text in lower case; each sighting by its best match. The facts are computed for the date,
-- so one scan tests every match (item_search_stored reads the ordered stored facts one match at a
-- time instead). Empty when no date is chosen.
CREATE MACRO item_search_as_known(visible, search_text, max_rows := 9223372036854775807) AS TABLE
WITH wanted AS (
    SELECT
        item_search_serial_key(search_text) AS serial_key,
        item_search_text_key(search_text) AS text_key
),
ranked AS (
    SELECT
        CASE
            WHEN f.serial_normalized = w.serial_key THEN 1
            WHEN starts_with(f.serial_normalized, w.serial_key) THEN 2
            WHEN contains(f.serial_normalized, w.serial_key) THEN 3
            WHEN f.markings_key <> '' AND contains(f.markings_key, w.text_key) THEN 4
            WHEN f.lot_number_key <> '' AND contains(f.lot_number_key, w.text_key) THEN 5
            WHEN f.headstamp_key <> '' AND contains(f.headstamp_key, w.text_key) THEN 6
        END AS match_rank,
        f.*
    FROM seizure_item_facts_as_known AS f, wanted AS w
    WHERE list_contains(CAST(visible AS VARCHAR[]), f.classification)
      AND length(w.serial_key) >= 2
)
SELECT
    ['serial (exact)', 'serial (prefix)', 'serial (part)', 'marking', 'lot number',
     'headstamp'][match_rank] AS matched_on,
    * EXCLUDE (match_rank, markings_key, lot_number_key, headstamp_key)
FROM ranked
WHERE match_rank IS NOT NULL
ORDER BY match_rank, serial_normalized, event_date, item_line_uid
LIMIT max_rows;
