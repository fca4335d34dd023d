-- Search documented items by serial (full, prefix or part, compared in normalised form), by
-- marking text, lot number or headstamp. One row per sighting, best matches first.
CREATE MACRO item_search(visible, search_text) AS TABLE
WITH q AS (
    SELECT
        trim(CAST(search_text AS VARCHAR)) AS raw_text,
        upper(regexp_replace(CAST(search_text AS VARCHAR), '[\s\-/.]', '', 'g')) AS serial_key
),
hits AS (
    -- the narrow columns first; the matching lines' facts are read afterwards
    SELECT
        f.item_line_uid,
        CASE
            WHEN f.serial_normalized = q.serial_key THEN 'serial (exact)'
            WHEN starts_with(f.serial_normalized, q.serial_key) THEN 'serial (prefix)'
            WHEN contains(f.serial_normalized, q.serial_key) THEN 'serial (part)'
            WHEN contains(lower(f.markings), lower(q.raw_text)) THEN 'marking'
            WHEN contains(lower(f.lot_number), lower(q.raw_text)) THEN 'lot number'
            ELSE 'headstamp'
        END AS matched_on
    FROM seizure_item_facts_stored AS f, q
    WHERE list_contains(CAST(visible AS VARCHAR[]), f.classification)
      AND length(q.serial_key) >= 2
      AND (
          contains(f.serial_normalized, q.serial_key)
          OR contains(lower(f.markings), lower(q.raw_text))
          OR contains(lower(f.lot_number), lower(q.raw_text))
          OR contains(lower(concat_ws(' ', f.headstamp_factory, f.headstamp_year)),
                      lower(q.raw_text))
      )
)
SELECT h.matched_on, f.*
FROM hits AS h
JOIN seizure_item_facts_stored AS f ON f.item_line_uid = h.item_line_uid
ORDER BY
    list_position(['serial (exact)', 'serial (prefix)', 'serial (part)', 'marking',
                   'lot number', 'headstamp'], h.matched_on),
    f.serial_normalized, f.event_date;
