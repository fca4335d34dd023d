-- Tracing requests: one per requesting entity and trace_id, documented statuses, answers dated
-- after the request, and a resolved event that exists.
SELECT 'duplicate request' AS problem, requesting_entity || ':' || trace_id AS key
FROM trace_requests GROUP BY requesting_entity, trace_id HAVING count(*) > 1
UNION ALL
SELECT 'status or dates', requesting_entity || ':' || trace_id FROM trace_requests
WHERE status NOT IN (SELECT value FROM vocabularies WHERE vocabulary = 'trace_status')
   OR classification NOT IN (SELECT value FROM vocabularies WHERE vocabulary = 'classification')
   OR date_response < date_sent
   OR (status IN ('responded', 'partial', 'negative') AND date_response IS NULL)
UNION ALL
SELECT 'unknown event_uid', requesting_entity || ':' || trace_id FROM trace_requests
WHERE event_uid IS NOT NULL AND event_uid NOT IN (SELECT event_uid FROM seizure_events);
