-- Every reject belongs to a logged load (and a resolved one names a logged load), and every
-- logged load to a registered source.
SELECT 'rejects' AS tbl, r.load_id FROM rejects AS r
WHERE r.load_id NOT IN (SELECT load_id FROM load_log)
UNION ALL
SELECT 'rejects.resolved_by_load_id', r.resolved_by_load_id FROM rejects AS r
WHERE r.resolved_by_load_id NOT IN (SELECT load_id FROM load_log)
UNION ALL
SELECT 'load_log', l.load_id FROM load_log AS l
WHERE l.source_id NOT IN (SELECT source_id FROM source_registry);
