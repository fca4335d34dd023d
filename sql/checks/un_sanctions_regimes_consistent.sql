-- Sanctions regimes: unique ids, known vocabularies, ordered dates; every period inside its regime
-- and not overlapping another of the same regime and embargo; every embargo and regime named
-- exists; a regime marked without arms embargo has no period with one; every list type belongs
-- to a period of its regime; every embargo kept by a committee belongs to a regime.
SELECT 'duplicate regime' AS problem, regime_id AS key
FROM un_sanctions_regimes GROUP BY regime_id HAVING count(*) > 1
UNION ALL
SELECT 'vocabulary or dates', regime_id FROM un_sanctions_regimes
WHERE status NOT IN ('in force', 'terminated')
   OR arms_embargo NOT IN ('yes', 'none')
   OR confidence NOT IN ('verified', 'partly_verified')
   OR (status = 'terminated') <> (end_date IS NOT NULL)
   OR end_date < start_date
UNION ALL
SELECT 'period outside its regime', p.regime_id || ' ' || p.valid_from
FROM un_sanctions_regime_periods AS p
LEFT JOIN un_sanctions_regimes AS r USING (regime_id)
WHERE r.regime_id IS NULL
   OR p.valid_from < r.start_date
   OR p.valid_to <= p.valid_from
   OR coalesce(p.valid_to, DATE '9999-12-31') > coalesce(r.end_date, DATE '9999-12-31')
UNION ALL
SELECT 'overlapping periods', a.regime_id || ' ' || a.valid_from
FROM un_sanctions_regime_periods AS a
JOIN un_sanctions_regime_periods AS b
  ON a.regime_id = b.regime_id
 AND a.valid_from < b.valid_from
 AND coalesce(a.embargo_id, '') = coalesce(b.embargo_id, '')
 AND coalesce(a.valid_to, DATE '9999-12-31') > b.valid_from
UNION ALL
SELECT 'unknown embargo', regime_id || ' ' || embargo_id FROM un_sanctions_regime_periods
WHERE embargo_id IS NOT NULL AND embargo_id NOT IN (SELECT embargo_id FROM embargoes)
UNION ALL
SELECT 'embargo on a regime without one', p.regime_id
FROM un_sanctions_regime_periods AS p JOIN un_sanctions_regimes AS r USING (regime_id)
WHERE (r.arms_embargo = 'none') = (p.embargo_id IS NOT NULL)
  AND (r.arms_embargo = 'none' OR NOT EXISTS (
      SELECT 1 FROM un_sanctions_regime_periods AS q
      WHERE q.regime_id = p.regime_id AND q.embargo_id IS NOT NULL))
UNION ALL
SELECT 'list type without its regime', l.un_list_type FROM un_list_types AS l
WHERE NOT EXISTS (
    SELECT 1 FROM un_sanctions_regime_periods AS p
    WHERE p.regime_id = l.regime_id AND p.un_list_type = l.un_list_type)
   OR (l.embargo_id IS NOT NULL AND l.embargo_id NOT IN (SELECT embargo_id FROM embargoes))
UNION ALL
SELECT 'embargo of a committee in no regime', e.embargo_id FROM embargoes AS e
WHERE coalesce(e.committee, 'none') <> 'none'
  AND e.embargo_id NOT IN (
      SELECT embargo_id FROM un_sanctions_regime_periods WHERE embargo_id IS NOT NULL);
