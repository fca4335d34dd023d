-- Embargoes in force on date D: adopted on or before D and not yet ended. Voluntary calls that
-- lapsed at an unverified date are left out, since they cannot be said to be in force.
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
WHERE e.start_date <= CAST(on_date AS DATE)
  AND (e.end_date IS NULL OR CAST(on_date AS DATE) < e.end_date)
  AND NOT (e.end_date IS NULL AND e.status <> 'in force')
ORDER BY e.start_date, e.embargo_id;
