-- Which embargoes applied to country X on date D, to which kind of actor, in which direction, and
-- what they required. Regimes on listed parties anywhere (no target country) apply in every country.
CREATE MACRO embargoes_applicable(country, on_date) AS TABLE
WITH target_match AS (
    SELECT embargo_id FROM embargo_target_codes WHERE country_iso3 = country
    UNION
    SELECT embargo_id FROM embargoes WHERE target_iso3 IS NULL AND target_kind = 'listed_parties'
)
SELECT
    e.embargo_id,
    e.target_name,
    e.target_name_fr,
    e.target_kind,
    e.regime_name,
    e.mandatory,
    c.direction,
    c.actor_scope,
    c.coverage,
    c.item_scope,
    c.valid_from,
    c.valid_to,
    c.citation,
    c.note
FROM embargoes AS e
JOIN target_match USING (embargo_id)
JOIN embargo_coverage AS c USING (embargo_id)
WHERE c.valid_from <= CAST(on_date AS DATE)
  AND (c.valid_to IS NULL OR CAST(on_date AS DATE) < c.valid_to)
ORDER BY e.start_date, e.embargo_id, c.direction DESC, c.actor_scope;
