-- Registered imports of a country before and during each embargo on it, per source: the baseline
-- panels of experts compare. 'before' is the baseline_years calendar years before the year of
-- imposition; 'during' runs from the year of imposition to the last year in force (as_of's year
-- while the embargo is in force). Sources are never added together: the same delivery may be in
-- SIPRI and in a UN Register report. Regimes on listed parties anywhere are left out.
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
visible_imports AS (
    SELECT *
    FROM transfers
    WHERE recipient_iso3 = country
      AND delivery_year IS NOT NULL
      AND NOT is_nil_report
      AND list_contains(CAST(visible AS VARCHAR[]), classification)
),
sources AS (
    SELECT DISTINCT source_id FROM visible_imports
),
totals AS (
    SELECT
        p.embargo_id,
        p.embargo_short_name,
        p.embargo_start,
        p.period,
        p.first_year,
        p.last_year,
        s.source_id,
        count(t.transfer_id) AS deliveries,
        coalesce(sum(t.quantity), 0) AS items,
        coalesce(sum(t.value) FILTER (WHERE t.value_unit = 'TIV'), 0) AS tiv
    FROM periods AS p
    CROSS JOIN sources AS s
    LEFT JOIN visible_imports AS t
        ON t.source_id = s.source_id AND t.delivery_year BETWEEN p.first_year AND p.last_year
    GROUP BY p.embargo_id, p.embargo_short_name, p.embargo_start, p.period, p.first_year,
        p.last_year, s.source_id
)
SELECT
    embargo_id,
    embargo_short_name,
    embargo_start,
    period,
    first_year,
    last_year,
    last_year - first_year + 1 AS years,
    source_id,
    deliveries,
    items,
    tiv,
    round(tiv / (last_year - first_year + 1), 2) AS tiv_per_year
FROM totals
ORDER BY embargo_start, embargo_id, source_id, period;
