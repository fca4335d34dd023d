-- Search documented items by serial (full, prefix or part, compared in normalised form), by
-- marking text, lot number or headstamp. One row per sighting, best matches first: exact serial,
-- serial prefix, serial part, marking, lot number, headstamp; then by serial, date and item
-- line. max_rows (optional) keeps only that many of the best.
--
-- Each kind of match is its own scan with one condition on one column, so DuckDB evaluates it
-- inside the table scan and skips the blocks without a match (an OR across four columns is
-- evaluated on every row). Markings, lot numbers and headstamps are matched on their distinct
-- values (seizure_item_search_keys), then taken by equality. The ranking reads narrow columns;
-- the whole rows are read only for the sightings returned.
CREATE MACRO item_search(visible, search_text, max_rows := NULL) AS TABLE
WITH matched_keys AS (
    SELECT k.classification, k.key_kind, k.search_key
    FROM seizure_item_search_keys AS k
    WHERE list_contains(CAST(visible AS VARCHAR[]), k.classification)
      AND length(item_search_serial_key(search_text)) >= 2
      AND contains(k.search_key, item_search_text_key(search_text))
),
hits AS (
    SELECT
        f.rowid AS fact_row,
        f.serial_normalized,
        f.event_date,
        f.item_line_uid,
        CASE
            WHEN f.serial_normalized = item_search_serial_key(search_text) THEN 1
            WHEN starts_with(f.serial_normalized, item_search_serial_key(search_text)) THEN 2
            ELSE 3
        END AS match_rank
    FROM seizure_item_facts_stored AS f
    WHERE list_contains(CAST(visible AS VARCHAR[]), f.classification)
      AND length(item_search_serial_key(search_text)) >= 2
      AND contains(f.serial_normalized, item_search_serial_key(search_text))
    UNION ALL
    SELECT f.rowid, f.serial_normalized, f.event_date, f.item_line_uid, 4
    FROM matched_keys AS k
    JOIN seizure_item_facts_stored AS f
      ON f.markings_key = k.search_key AND f.classification = k.classification
    WHERE k.key_kind = 'marking'
    UNION ALL
    SELECT f.rowid, f.serial_normalized, f.event_date, f.item_line_uid, 5
    FROM matched_keys AS k
    JOIN seizure_item_facts_stored AS f
      ON f.lot_number_key = k.search_key AND f.classification = k.classification
    WHERE k.key_kind = 'lot number'
    UNION ALL
    SELECT f.rowid, f.serial_normalized, f.event_date, f.item_line_uid, 6
    FROM matched_keys AS k
    JOIN seizure_item_facts_stored AS f
      ON f.headstamp_key = k.search_key AND f.classification = k.classification
    WHERE k.key_kind = 'headstamp'
),
ranked AS (
    -- a sighting that matches in several ways counts by its best match
    SELECT fact_row, min(match_rank) AS match_rank, serial_normalized, event_date, item_line_uid
    FROM hits
    GROUP BY fact_row, serial_normalized, event_date, item_line_uid
    ORDER BY match_rank, serial_normalized, event_date, item_line_uid
    LIMIT coalesce(max_rows, 9223372036854775807)
)
SELECT
    ['serial (exact)', 'serial (prefix)', 'serial (part)', 'marking', 'lot number',
     'headstamp'][r.match_rank] AS matched_on,
    f.* EXCLUDE (markings_key, lot_number_key, headstamp_key)
FROM ranked AS r
JOIN seizure_item_facts_stored AS f ON f.rowid = r.fact_row
ORDER BY r.match_rank, r.serial_normalized, r.event_date, r.item_line_uid;
