-- Registered transfers that could explain a documented weapon: supplied by its country of
-- manufacture, to the country of seizure or a neighbour, delivered no later than the year it was
-- documented (and not before it was made). Each candidate gets a score out of 100 and a sentence:
--   recipient is the country of seizure 35, a neighbour 15;
--   designation equals the model 30, or one starts with the other 20;
--   register category SALW for a small arm or light weapon, or I-VII for a heavy weapon 15;
--   delivered within 10 years before the sighting 10, within 20 years 5;
--   supplier is the country of manufacture 10 (always).
-- A trace response naming the transfer (transfer_ref = the deal's source_record_id) confirms the
-- link: score 100, ranked first. At most five candidates per item line, best first.
-- `explanation` says why in English (dashboard/candidate_words.py says it in the reader's
-- language from the columns beside it).
-- For the given item lines (item_line_uids) as a viewer cleared for `visible` may see them: a
-- candidate shows an item (with its event), a transfer and, when confirmed, a trace request, so
-- each must be visible; a confirmation by a trace request above the clearance is left out, and
-- the candidate is scored as if that request did not exist.
CREATE MACRO item_transfer_candidates(visible, item_line_uids) AS TABLE
WITH weapons AS (
    SELECT
        f.*,
        upper(regexp_replace(coalesce(f.model, ''), '[^A-Za-z0-9]', '', 'g')) AS model_key
    FROM seizure_item_facts AS f
    WHERE f.item_kind = 'weapon' AND f.country_of_manufacture IS NOT NULL
      AND list_contains(CAST(item_line_uids AS VARCHAR[]), f.item_line_uid)
      AND list_contains(CAST(visible AS VARCHAR[]), f.classification)
),
visible_transfers AS (
    SELECT * FROM transfers WHERE list_contains(CAST(visible AS VARCHAR[]), classification)
),
confirmed AS (
    SELECT DISTINCT w.item_line_uid, t.transfer_id, r.trace_id
    FROM weapons AS w
    JOIN trace_requests AS r
        ON r.serial_normalized = w.serial_normalized
       AND (r.event_uid IS NULL OR r.event_uid = w.event_uid)
    JOIN visible_transfers AS t ON t.source_record_id = r.transfer_ref
    WHERE r.transfer_ref IS NOT NULL
      AND list_contains(CAST(visible AS VARCHAR[]), r.classification)
),
candidates AS (
    SELECT
        w.item_line_uid,
        t.transfer_id,
        (t.recipient_iso3 = w.country_iso3) AS same_country,
        upper(regexp_replace(coalesce(t.designation, ''), '[^A-Za-z0-9]', '', 'g'))
            AS designation_key,
        w.model_key,
        t.category IN ('SALW', 'other') AND w.weapon_category NOT IN ('other')
            OR t.category IN ('I', 'II', 'III', 'IV', 'V', 'VI', 'VII')
               AND w.weapon_category IN ('mortar', 'rocket_launcher', 'atgm', 'manpads')
            AS category_fits,
        w.event_year - t.delivery_year AS years_before
    FROM weapons AS w
    JOIN visible_transfers AS t
        ON t.supplier_iso3 = w.country_of_manufacture
       AND t.delivery_year IS NOT NULL
       AND t.delivery_year <= w.event_year
       AND (w.year_of_manufacture IS NULL OR w.year_of_manufacture <= t.delivery_year)
       AND NOT t.is_nil_report
       AND (t.recipient_iso3 = w.country_iso3
            OR t.recipient_iso3 IN (
                SELECT n.neighbour_iso3 FROM country_neighbours AS n
                WHERE n.country_iso3 = w.country_iso3))
),
scored AS (
    SELECT
        c.item_line_uid,
        c.transfer_id,
        10
        + CASE WHEN c.same_country THEN 35 ELSE 15 END
        + CASE
            WHEN c.model_key <> '' AND c.designation_key = c.model_key THEN 30
            WHEN c.model_key <> '' AND c.designation_key <> ''
                 AND (starts_with(c.designation_key, c.model_key)
                      OR starts_with(c.model_key, c.designation_key)) THEN 20
            ELSE 0
          END
        + CASE WHEN c.category_fits THEN 15 ELSE 0 END
        + CASE WHEN c.years_before <= 10 THEN 10 WHEN c.years_before <= 20 THEN 5 ELSE 0 END
            AS score,
        c.same_country,
        c.years_before,
        NULL AS trace_id
    FROM candidates AS c
    WHERE (c.item_line_uid, c.transfer_id) NOT IN (
        SELECT item_line_uid, transfer_id FROM confirmed)
    UNION ALL
    SELECT item_line_uid, transfer_id, 100, NULL, NULL, trace_id FROM confirmed
),
ranked AS (
    SELECT *
    FROM scored
    QUALIFY row_number() OVER (
        PARTITION BY item_line_uid ORDER BY score DESC, transfer_id) <= 5
)
SELECT
    r.item_line_uid,
    w.item_uid,
    w.serial_number,
    w.manufacturer,
    w.model,
    w.country_of_manufacture,
    w.country_iso3 AS seizure_country_iso3,
    w.event_date,
    r.transfer_id,
    t.source_id,
    t.supplier_name,
    t.recipient_name,
    t.recipient_iso3,
    t.designation,
    t.description,
    t.delivery_year,
    t.quantity,
    r.score,
    r.trace_id IS NOT NULL AS confirmed,
    -- the parts of the sentence, for a page that says it in its reader's language
    r.trace_id,
    t.source_record_id,
    r.same_country,
    r.years_before,
    CASE
        WHEN r.trace_id IS NOT NULL THEN format(
            'Confirmed by trace response {}: the item was part of {} deal {} ({} {} from {} to {}, delivered {}).',
            r.trace_id, t.source_id, t.source_record_id, coalesce(t.designation, ''),
            coalesce(t.description, ''), t.supplier_name, t.recipient_name, t.delivery_year)
        ELSE format(
            '{} {} made in {} and documented in {} in {}; {} delivered {} {} {} to {} ({}) in {}, {} years earlier.',
            coalesce(w.manufacturer, 'An item'), coalesce(w.model, ''), w.country_of_manufacture,
            w.country_iso3, year(w.event_date), t.supplier_name,
            coalesce(CAST(t.quantity AS BIGINT), 0), coalesce(t.designation, ''),
            coalesce(t.description, ''), t.recipient_name,
            CASE WHEN r.same_country THEN 'the country of seizure' ELSE 'a neighbour' END,
            t.delivery_year, r.years_before)
    END AS explanation,
    w.classification AS item_classification,
    t.classification AS transfer_classification
FROM ranked AS r
JOIN weapons AS w USING (item_line_uid)
JOIN visible_transfers AS t USING (transfer_id)
ORDER BY r.item_line_uid, r.score DESC, r.transfer_id;
