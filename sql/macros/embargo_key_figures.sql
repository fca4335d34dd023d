-- The headline figures about UN arms embargoes on date D, each with a plain-language definition.
CREATE MACRO embargo_key_figures(on_date) AS TABLE
WITH in_force AS (
    SELECT * FROM embargoes_in_force_on(on_date)
)
SELECT 1 AS figure_order, 'embargoes_in_force' AS figure_id, 'Embargoes in force' AS label,
       count(*)::BIGINT AS value,
       'UN arms embargoes (one per target) in force on the date, voluntary calls included.' AS definition
FROM in_force
UNION ALL
SELECT 2, 'countries_under_territorial_embargo', 'Countries covered',
       count(DISTINCT t.country_iso3)::BIGINT,
       'Present-day countries whose territory is covered by an embargo in force on the date (any kind of recipient).'
FROM in_force AS e JOIN embargo_target_countries AS t USING (embargo_id)
UNION ALL
SELECT 3, 'listed_party_regimes', 'Listed-party regimes',
       count(*) FILTER (WHERE target_kind = 'listed_parties')::BIGINT,
       'Embargoes in force on the date that apply to designated individuals and entities.'
FROM in_force
UNION ALL
SELECT 4, 'episodes_since_1963', 'Episodes since 1963',
       count(DISTINCT episode_id)::BIGINT,
       'Resolutions imposing an arms embargo on a target since 1963, up to the date.'
FROM embargoes WHERE start_date <= CAST(on_date AS DATE)
UNION ALL
SELECT 5, 'changes_recorded', 'Recorded changes',
       count(*)::BIGINT,
       'Dated changes (exemptions, partial liftings, renewals, ends) recorded up to the date.'
FROM embargo_changes
WHERE CAST(left(change_date, 4) AS INTEGER) <= year(CAST(on_date AS DATE))
ORDER BY figure_order;
