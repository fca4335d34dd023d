-- What each transfer register says about a country's imports, year by year in [year_from,
-- year_to], as a viewer may see it: one row per register (source) and year with the deliveries
-- to the country (distinct: one delivery both the exporter and the importer report counts once),
-- their items (the largest number a report gives), SIPRI TIV, and why a year has no number:
--   reported        lines of the register name a delivery to the country that year;
--   nil_report      the country filed its report for the year (a nil report, or a report with
--                   no import): a real zero;
--   none_recorded   a compiled register (SIPRI) covers the year and records no delivery: zero;
--   not_reported    a register of national reports covers the year, but the country filed
--                   nothing and no other State reported a delivery to it: not zero, unknown;
--   not_covered     the register does not cover the year (the UN Register before 1992, ATT
--                   reports before 2015), or the country filed nothing while it was not yet
--                   bound to report to it (ATT reports before the first full calendar year
--                   the Treaty was in force for it, att_states_parties): not zero, unknown;
--   state_not_existing  the country did not exist in any part of the year (state_existence);
--   data_problem    lines name a delivery to the country in a year it did not exist: counted,
--                   and listed in the view transfers_outside_state_existence.
-- Registers are every source of transfer lines the viewer may see, each with the format it was
-- loaded with (register_coverage).
CREATE MACRO register_reporting(visible, country, year_from, year_to) AS TABLE
WITH visible_lines AS (
    SELECT t.*, l.file_format, coalesce(m.delivery_id, t.transfer_id) AS delivery_id
    FROM transfers AS t
    JOIN load_log AS l USING (load_id)
    LEFT JOIN delivery_matched_lines AS m
        ON m.transfer_id = t.transfer_id AND m.clearance = clearance_of(visible)
    WHERE list_contains(CAST(visible AS VARCHAR[]), t.classification)
      AND coalesce(t.delivery_year, t.order_year) BETWEEN year_from AND year_to
),
registers AS (
    SELECT
        t.source_id,
        any_value(t.file_format) AS file_format,
        any_value(c.first_year) AS first_year,
        coalesce(any_value(c.reported_by_states), false) AS reported_by_states
    FROM (
        SELECT DISTINCT t.source_id, l.file_format
        FROM transfers AS t JOIN load_log AS l USING (load_id)
        WHERE list_contains(CAST(visible AS VARCHAR[]), t.classification)
    ) AS t
    LEFT JOIN register_coverage AS c USING (file_format)
    GROUP BY t.source_id
),
years AS (
    SELECT CAST(range AS INTEGER) AS year FROM range(year_from, year_to + 1)
),
per_delivery AS (
    SELECT
        source_id, delivery_year AS year, delivery_id,
        max(quantity) AS items,
        sum(value) FILTER (WHERE value_unit = 'TIV') AS tiv
    FROM visible_lines
    WHERE recipient_iso3 = country AND delivery_year IS NOT NULL AND NOT is_nil_report
    GROUP BY source_id, delivery_year, delivery_id
),
delivered AS (
    SELECT source_id, year, count(*) AS deliveries, sum(items) AS items, sum(tiv) AS tiv
    FROM per_delivery
    GROUP BY source_id, year
),
filed AS (
    -- the country's own reports for the year, nil reports included
    SELECT
        source_id,
        coalesce(delivery_year, order_year) AS year,
        bool_or(is_nil_report) AS nil_report
    FROM visible_lines
    WHERE reporting_state_iso3 = country
    GROUP BY ALL
),
existence AS (
    SELECT
        min(exists_from) AS exists_from,
        max(exists_until) AS exists_until
    FROM state_existence
    WHERE country_iso3 = country
),
att_party AS (
    -- the first year the country reports to the ATT: the first full calendar year the Treaty is
    -- in force for it; none when the country is not listed (its membership is not known here)
    SELECT min(
        CASE WHEN strftime(entry_into_force, '%m-%d') = '01-01' THEN year(entry_into_force)
             ELSE year(entry_into_force) + 1 END
    ) AS first_report_year
    FROM att_states_parties
    WHERE country_iso3 = country
)
SELECT
    r.source_id,
    y.year,
    CASE
        WHEN (y.year < coalesce(year(x.exists_from), y.year)
              OR y.year > coalesce(year(CAST(x.exists_until - INTERVAL 1 DAY AS DATE)), y.year))
            THEN CASE WHEN d.deliveries > 0 THEN 'data_problem' ELSE 'state_not_existing' END
        WHEN y.year < coalesce(r.first_year, y.year) THEN 'not_covered'
        WHEN d.deliveries > 0 THEN 'reported'
        WHEN NOT r.reported_by_states THEN 'none_recorded'
        WHEN f.year IS NOT NULL THEN 'nil_report'
        WHEN r.file_format = 'att' AND y.year < coalesce(p.first_report_year, y.year)
            THEN 'not_covered'
        ELSE 'not_reported'
    END AS reporting,
    coalesce(d.deliveries, 0) AS deliveries,
    coalesce(d.items, 0) AS items,
    d.tiv,
    coalesce(f.nil_report, false) AS nil_report_filed
FROM registers AS r
CROSS JOIN years AS y
CROSS JOIN existence AS x
CROSS JOIN att_party AS p
LEFT JOIN delivered AS d ON d.source_id = r.source_id AND d.year = y.year
LEFT JOIN filed AS f ON f.source_id = r.source_id AND f.year = y.year
ORDER BY r.source_id, y.year;
