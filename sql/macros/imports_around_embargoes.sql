-- Registered imports of a country before and during each embargo on it, per register: the
-- baseline panels of experts compare. 'before' is the baseline_years calendar years before the
-- year of imposition; 'during' runs from the year of imposition to the last year in force (as_of's
-- year while the embargo is in force). Registers are shown apart, each counting distinct
-- deliveries, and one more row (source_id empty) counts the distinct deliveries all registers
-- report together (a delivery several report counts once). A missing report is never a zero
-- (register_reporting): only the years a register covers and for which it has a report (or, for
-- a compiled register, a record or none) are counted; deliveries, items and TIV are empty when no
-- year of the period is, and reporting says why (not_covered, not_reported, state_not_existing),
-- with the years counted, not reported and not covered. Regimes on listed parties anywhere are
-- left out.
CREATE MACRO imports_around_embargoes(visible, country, baseline_years, as_of) AS TABLE
WITH periods AS (
    SELECT
        e.embargo_id,
        e.short_name AS embargo_short_name,
        e.start_date AS embargo_start,
        p.period,
        CASE p.period
            WHEN 'before' THEN year(e.start_date) - baseline_years
            ELSE year(e.start_date)
        END AS first_year,
        CASE p.period
            WHEN 'before' THEN year(e.start_date) - 1
            ELSE coalesce(
                year(CAST(s.in_force_until - INTERVAL 1 DAY AS DATE)), year(CAST(as_of AS DATE))
            )
        END AS last_year
    FROM embargoes AS e
    JOIN embargo_spans AS s USING (embargo_id)
    CROSS JOIN (VALUES ('before'), ('during')) AS p (period)
    WHERE e.target_kind <> 'listed_parties'
      AND e.embargo_id IN (SELECT embargo_id FROM embargo_target_codes WHERE country_iso3 = country)
),
yearly AS (
    SELECT *,
        reporting IN ('reported', 'nil_report', 'none_recorded', 'data_problem') AS counted
    FROM register_reporting(visible, country, 1945, year(CAST(as_of AS DATE)))
),
per_register AS (
    SELECT
        p.embargo_id,
        p.period,
        y.source_id,
        count(*) FILTER (WHERE y.counted) AS years_counted,
        count(*) FILTER (WHERE y.reporting = 'not_reported') AS years_not_reported,
        count(*) FILTER (WHERE y.reporting IN ('not_covered', 'state_not_existing'))
            AS years_not_covered,
        bool_or(y.reporting = 'state_not_existing') AS state_not_existing,
        bool_or(y.reporting = 'nil_report') AS nil_report,
        bool_and(y.reporting = 'none_recorded') FILTER (WHERE y.counted) AS none_recorded,
        sum(y.deliveries) FILTER (WHERE y.counted) AS deliveries,
        sum(y.items) FILTER (WHERE y.counted) AS items,
        sum(y.tiv) FILTER (WHERE y.counted) AS tiv
    FROM periods AS p
    JOIN yearly AS y ON y.year BETWEEN p.first_year AND p.last_year
    GROUP BY p.embargo_id, p.period, y.source_id
),
all_registers AS (
    -- the distinct deliveries every register reports together, over the years any covers
    SELECT
        p.embargo_id,
        p.period,
        CAST(NULL AS VARCHAR) AS source_id,
        count(DISTINCT y.year) FILTER (WHERE y.counted) AS years_counted,
        0 AS years_not_reported,
        0 AS years_not_covered,
        false AS state_not_existing,
        false AS nil_report,
        true AS none_recorded,
        count(DISTINCT d.delivery_id) AS deliveries,
        (SELECT sum(items) FROM (
            SELECT max(t.quantity) AS items
            FROM transfers AS t LEFT JOIN delivery_matched_lines AS m
                ON m.transfer_id = t.transfer_id AND m.clearance = clearance_of(visible)
            WHERE t.recipient_iso3 = country AND NOT t.is_nil_report
              AND t.delivery_year BETWEEN p.first_year AND p.last_year
              AND list_contains(CAST(visible AS VARCHAR[]), t.classification)
            GROUP BY coalesce(m.delivery_id, t.transfer_id)
        )) AS items,
        NULL AS tiv
    FROM periods AS p
    JOIN yearly AS y ON y.year BETWEEN p.first_year AND p.last_year
    LEFT JOIN (
        SELECT coalesce(m.delivery_id, t.transfer_id) AS delivery_id, t.delivery_year
        FROM transfers AS t LEFT JOIN delivery_matched_lines AS m
                ON m.transfer_id = t.transfer_id AND m.clearance = clearance_of(visible)
        WHERE t.recipient_iso3 = country AND NOT t.is_nil_report
          AND list_contains(CAST(visible AS VARCHAR[]), t.classification)
    ) AS d ON d.delivery_year = y.year
    GROUP BY p.embargo_id, p.period, p.first_year, p.last_year
),
counted AS (
    SELECT * FROM per_register
    UNION ALL BY NAME
    SELECT * FROM all_registers
)
SELECT
    p.embargo_id,
    p.embargo_short_name,
    p.embargo_start,
    p.period,
    p.first_year,
    p.last_year,
    p.last_year - p.first_year + 1 AS years,
    c.source_id,
    CASE
        WHEN c.years_counted = 0 AND c.state_not_existing THEN 'state_not_existing'
        WHEN c.years_counted = 0 AND c.years_not_reported = 0 THEN 'not_covered'
        WHEN c.years_counted = 0 THEN 'not_reported'
        WHEN c.years_not_reported + c.years_not_covered > 0 THEN 'partly_reported'
        WHEN c.deliveries = 0 AND c.nil_report THEN 'nil_report'
        WHEN c.deliveries = 0 AND c.none_recorded THEN 'none_recorded'
        ELSE 'reported'
    END AS reporting,
    c.years_counted,
    c.years_not_reported,
    c.years_not_covered,
    CASE WHEN c.years_counted > 0 THEN CAST(c.deliveries AS BIGINT) END AS deliveries,
    CASE WHEN c.years_counted > 0 THEN coalesce(c.items, 0) END AS items,
    CASE WHEN c.years_counted > 0 AND c.source_id IS NOT NULL THEN c.tiv END AS tiv,
    CASE WHEN c.years_counted > 0 AND c.source_id IS NOT NULL
         THEN round(c.tiv / c.years_counted, 2) END AS tiv_per_year
FROM periods AS p
JOIN counted AS c USING (embargo_id, period)
ORDER BY p.embargo_start, p.embargo_id, c.source_id NULLS LAST, p.period;
