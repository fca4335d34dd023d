-- Coverage periods refer to a known embargo, use the documented vocabularies, run forwards and lie
-- inside the embargo's own span.
SELECT c.embargo_id, c.direction, c.actor_scope, c.valid_from, c.valid_to, c.coverage
FROM embargo_coverage AS c
LEFT JOIN embargoes AS e USING (embargo_id)
WHERE e.embargo_id IS NULL
   OR c.direction NOT IN ('to_target', 'from_target')
   OR c.actor_scope NOT IN ('government', 'non_state', 'listed')
   OR c.coverage NOT IN ('prohibited', 'approval', 'notification', 'exempt_if', 'suspended',
                         'not_covered')
   OR (c.valid_to IS NOT NULL AND c.valid_to <= c.valid_from)
   OR c.valid_from < e.start_date
   OR (e.end_date IS NOT NULL AND (c.valid_to IS NULL OR c.valid_to > e.end_date));
