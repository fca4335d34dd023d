-- Exemption notifications: one per embargo and notification_id, a known embargo, documented
-- procedures and decisions, and a decision dated after the submission.
SELECT 'duplicate notification' AS problem, embargo_id || ':' || notification_id AS key
FROM exemptions GROUP BY embargo_id, notification_id HAVING count(*) > 1
UNION ALL
SELECT 'unknown embargo, vocabulary or dates', x.embargo_id || ':' || x.notification_id
FROM exemptions AS x
LEFT JOIN embargoes AS e USING (embargo_id)
WHERE e.embargo_id IS NULL
   OR x.procedure NOT IN (SELECT value FROM vocabularies WHERE vocabulary = 'exemption_procedure')
   OR x.decision NOT IN (SELECT value FROM vocabularies WHERE vocabulary = 'exemption_decision')
   OR x.classification NOT IN (SELECT value FROM vocabularies WHERE vocabulary = 'classification')
   OR x.decision_date < x.date_submitted;
