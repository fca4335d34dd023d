-- One row per present-day country under at least one territorial embargo in force on date D, with
-- the widest coverage that applied there: every recipient, the government only through an
-- exemption procedure, non-state actors only, or listed parties only.
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
    FROM embargoes_in_force_on(on_date) AS e
    JOIN embargo_target_countries AS t USING (embargo_id)
    JOIN embargo_coverage AS c USING (embargo_id)
    WHERE c.direction = 'to_target'
      AND c.valid_from <= CAST(on_date AS DATE)
      AND (c.valid_to IS NULL OR CAST(on_date AS DATE) < c.valid_to)
      AND c.coverage NOT IN ('not_covered', 'suspended')
),
per_country AS (
    SELECT
        country_iso3,
        bool_or(actor_scope = 'government' AND coverage = 'prohibited') AS government_prohibited,
        bool_or(actor_scope = 'government') AS government_covered,
        bool_or(actor_scope = 'non_state') AS non_state_covered,
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
        WHEN government_prohibited THEN 'all recipients'
        WHEN government_covered THEN 'government through an exemption procedure'
        WHEN non_state_covered THEN 'non-state actors only'
        ELSE 'listed parties only'
    END AS coverage_category,
    embargo_ids,
    targets,
    citations
FROM per_country
ORDER BY country_iso3;
