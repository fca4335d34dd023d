-- For one embargo, direction and kind of actor, coverage periods never overlap.
SELECT a.embargo_id, a.direction, a.actor_scope, a.valid_from, b.valid_from AS overlapping_from
FROM embargo_coverage AS a
JOIN embargo_coverage AS b
    ON a.embargo_id = b.embargo_id
   AND a.direction = b.direction
   AND a.actor_scope = b.actor_scope
   AND a.valid_from < b.valid_from
WHERE a.valid_to IS NULL OR a.valid_to > b.valid_from;
