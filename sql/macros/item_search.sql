-- Search documented items by serial (full, prefix or part, compared in normalised form), by
-- marking text, lot number or headstamp. One row per sighting, best matches first.
CREATE MACRO item_search(visible, search_text) AS TABLE
WITH q AS (
    SELECT
        trim(CAST(search_text AS VARCHAR)) AS raw_text,
        upper(regexp_replace(CAST(search_text AS VARCHAR), '[\s\-/.]', '', 'g')) AS serial_key
),
hits AS (
    -- the narrow columns and search keys first; the matching rows are read afterwards by rowid
    SELECT
        f.rowid AS fact_row,
        CASE
            WHEN f.serial_normalized = q.serial_key THEN 'serial (exact)'
            WHEN starts_with(f.serial_normalized, q.serial_key) THEN 'serial (prefix)'
            WHEN contains(f.serial_normalized, q.serial_key) THEN 'serial (part)'
            WHEN contains(f.markings_key, lower(q.raw_text)) THEN 'marking'
            WHEN contains(f.lot_number_key, lower(q.raw_text)) THEN 'lot number'
            ELSE 'headstamp'
        END AS matched_on
    FROM seizure_item_facts_stored AS f, q
    WHERE list_contains(CAST(visible AS VARCHAR[]), f.classification)
      AND length(q.serial_key) >= 2
      AND (
          contains(f.serial_normalized, q.serial_key)
          OR contains(f.markings_key, lower(q.raw_text))
          OR contains(f.lot_number_key, lower(q.raw_text))
          OR contains(f.headstamp_key, lower(q.raw_text))
      )
)
SELECT h.matched_on, f.* EXCLUDE (markings_key, lot_number_key, headstamp_key)
FROM hits AS h
JOIN seizure_item_facts_stored AS f ON f.rowid = h.fact_row
ORDER BY
    list_position(['serial (exact)', 'serial (prefix)', 'serial (part)', 'marking',
                   'lot number', 'headstamp'], h.matched_on),
    f.serial_normalized, f.event_date;
