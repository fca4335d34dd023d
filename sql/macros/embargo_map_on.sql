-- One row per present-day country under at least one territorial embargo on date D, with the widest
-- coverage that applied: all recipients (government included), non-state actors only, listed parties only.
CREATE MACRO embargo_map_on(on_date) AS TABLE
WITH applicable AS (
    SELECT
        t.country_iso3,
        e.embargo_id,
        e.target_name,
        e.mandatory,
        c.actor_scope,
        c.coverage,
        c.citation
    FROM embargo_target_countries AS t
    JOIN embargoes AS e USING (embargo_id)
    JOIN embargo_coverage AS c USING (embargo_id)
    WHERE c.direction = 'to_target'
      AND c.valid_from <= CAST(on_date AS DATE)
      AND (c.valid_to IS NULL OR CAST(on_date AS DATE) < c.valid_to)
      AND c.coverage NOT IN ('not_covered', 'suspended')
),
ranked AS (
    SELECT
        country_iso3,
        min(CASE actor_scope WHEN 'government' THEN 1 WHEN 'non_state' THEN 2 ELSE 3 END) AS widest,
        bool_or(mandatory) AS any_mandatory,
        string_agg(DISTINCT embargo_id, '; ' ORDER BY embargo_id) AS embargo_ids,
        string_agg(DISTINCT target_name, '; ' ORDER BY target_name) AS targets,
        string_agg(DISTINCT citation, '; ' ORDER BY citation) AS citations
    FROM applicable
    GROUP BY country_iso3
)
SELECT
    country_iso3,
    CASE
        WHEN NOT any_mandatory THEN 'voluntary call only'
        WHEN widest = 1 THEN 'all recipients (government included)'
        WHEN widest = 2 THEN 'non-state actors only'
        ELSE 'listed parties only'
    END AS coverage_category,
    embargo_ids,
    targets,
    citations
FROM ranked
ORDER BY country_iso3;
