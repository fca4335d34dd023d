-- Item search over the stored item facts (item_search reads it when no "as known on" date is
-- chosen). Search documented items by serial (full, prefix or part, compared in normalised form),
-- by marking text, lot number or headstamp. One row per sighting, best matches first: exact
-- serial, serial prefix, serial part, marking, lot number, headstamp; then by serial, date and
-- item line. max_rows (optional) keeps only that many of the best.  Each kind of match is its own
-- scan with one condition on one column, which DuckDB evaluates inside the table scan, reading the
-- other columns only where it matches (an OR across four columns is evaluated after reading every
-- row). Markings, lot numbers and headstamps are matched on their distinct values
-- (seizure_item_search_keys), then taken by equality. The sightings are ranked on narrow columns,
-- each kind keeping only its best max_rows (the best max_rows of all are among them); the whole
-- rows are read last, each through the match it was ranked by.
CREATE MACRO item_search_stored(visible, search_text, max_rows := 9223372036854775807) AS TABLE
WITH matched_keys AS (
    SELECT k.classification, k.key_kind, k.search_key
    FROM seizure_item_search_keys AS k
    WHERE list_contains(CAST(visible AS VARCHAR[]), k.classification)
      AND length(item_search_serial_key(search_text)) >= 2
      AND contains(k.search_key, item_search_text_key(search_text))
),
serial_hits AS (
    SELECT f.rowid AS fact_row, f.serial_normalized, f.event_date, f.item_line_uid,
        CASE
            WHEN f.serial_normalized = item_search_serial_key(search_text) THEN 1
            WHEN starts_with(f.serial_normalized, item_search_serial_key(search_text)) THEN 2
            ELSE 3
        END AS match_rank
    FROM seizure_item_facts_stored AS f
    WHERE list_contains(CAST(visible AS VARCHAR[]), f.classification)
      AND length(item_search_serial_key(search_text)) >= 2
      AND contains(f.serial_normalized, item_search_serial_key(search_text))
    ORDER BY match_rank, f.serial_normalized, f.event_date, f.item_line_uid
    LIMIT max_rows
),
marking_hits AS (
    SELECT f.rowid AS fact_row, f.serial_normalized, f.event_date, f.item_line_uid,
        4 AS match_rank
    FROM matched_keys AS k
    JOIN seizure_item_facts_stored AS f
      ON f.markings_key = k.search_key AND f.classification = k.classification
    WHERE k.key_kind = 'marking'
    ORDER BY f.serial_normalized, f.event_date, f.item_line_uid
    LIMIT max_rows
),
lot_hits AS (
    SELECT f.rowid AS fact_row, f.serial_normalized, f.event_date, f.item_line_uid,
        5 AS match_rank
    FROM matched_keys AS k
    JOIN seizure_item_facts_stored AS f
      ON f.lot_number_key = k.search_key AND f.classification = k.classification
    WHERE k.key_kind = 'lot number'
    ORDER BY f.serial_normalized, f.event_date, f.item_line_uid
    LIMIT max_rows
),
headstamp_hits AS (
    SELECT f.rowid AS fact_row, f.serial_normalized, f.event_date, f.item_line_uid,
        6 AS match_rank
    FROM matched_keys AS k
    JOIN seizure_item_facts_stored AS f
      ON f.headstamp_key = k.search_key AND f.classification = k.classification
    WHERE k.key_kind = 'headstamp'
    ORDER BY f.serial_normalized, f.event_date, f.item_line_uid
    LIMIT max_rows
),
ranked AS (
    -- a sighting that matches in several ways counts by its best match
    SELECT fact_row, min(match_rank) AS match_rank, serial_normalized, event_date, item_line_uid
    FROM (
        SELECT * FROM serial_hits
        UNION ALL SELECT * FROM marking_hits
        UNION ALL SELECT * FROM lot_hits
        UNION ALL SELECT * FROM headstamp_hits
    )
    GROUP BY fact_row, serial_normalized, event_date, item_line_uid
    ORDER BY match_rank, serial_normalized, event_date, item_line_uid
    LIMIT max_rows
),
sightings AS (
    SELECT r.match_rank, f.*
    FROM ranked AS r
    JOIN seizure_item_facts_stored AS f ON f.rowid = r.fact_row
    WHERE r.match_rank <= 3
      AND contains(f.serial_normalized, item_search_serial_key(search_text))
    UNION ALL
    SELECT r.match_rank, f.*
    FROM ranked AS r
    JOIN seizure_item_facts_stored AS f ON f.rowid = r.fact_row
    JOIN matched_keys AS k
      ON (r.match_rank = 4 AND k.key_kind = 'marking' AND f.markings_key = k.search_key
          AND f.classification = k.classification)
    UNION ALL
    SELECT r.match_rank, f.*
    FROM ranked AS r
    JOIN seizure_item_facts_stored AS f ON f.rowid = r.fact_row
    JOIN matched_keys AS k
      ON (r.match_rank = 5 AND k.key_kind = 'lot number' AND f.lot_number_key = k.search_key
          AND f.classification = k.classification)
    UNION ALL
    SELECT r.match_rank, f.*
    FROM ranked AS r
    JOIN seizure_item_facts_stored AS f ON f.rowid = r.fact_row
    JOIN matched_keys AS k
      ON (r.match_rank = 6 AND k.key_kind = 'headstamp' AND f.headstamp_key = k.search_key
          AND f.classification = k.classification)
)
SELECT
    ['serial (exact)', 'serial (prefix)', 'serial (part)', 'marking', 'lot number',
     'headstamp'][match_rank] AS matched_on,
    * EXCLUDE (match_rank, markings_key, lot_number_key, headstamp_key)
FROM sightings
ORDER BY match_rank, serial_normalized, event_date, item_line_uid;
