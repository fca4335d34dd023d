-- Every embargo says whom it covered: at least one coverage period.
SELECT e.embargo_id
FROM embargoes AS e
LEFT JOIN embargo_coverage AS c USING (embargo_id)
WHERE c.embargo_id IS NULL;
