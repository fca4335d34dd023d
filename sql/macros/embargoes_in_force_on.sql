-- Embargoes in force on date D: adopted on or before D and not yet ended (see embargo_spans for
-- voluntary calls that lapsed at an unverified date).
CREATE MACRO embargoes_in_force_on(on_date) AS TABLE
SELECT
    e.embargo_id,
    e.episode_id,
    e.short_name,
    e.target_name,
    e.target_iso3,
    e.target_kind,
    e.mandatory,
    e.imposed_by,
    e.start_date,
    e.status_projected,
    e.exemption_type,
    e.panel
FROM embargoes AS e
JOIN embargo_spans AS s USING (embargo_id)
WHERE s.in_force_from <= CAST(on_date AS DATE)
  AND (s.in_force_until IS NULL OR CAST(on_date AS DATE) < s.in_force_until)
ORDER BY e.start_date, e.embargo_id;
