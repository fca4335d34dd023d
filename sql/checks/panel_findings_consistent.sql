-- Panel findings: one per finding_uid, a known embargo, documented vocabularies, a paragraph or
-- annex, and references that belong to a finding.
SELECT 'duplicate finding' AS problem, finding_uid AS key
FROM panel_findings GROUP BY finding_uid HAVING count(*) > 1
UNION ALL
SELECT 'unknown embargo', finding_uid FROM panel_findings
WHERE embargo_id NOT IN (SELECT embargo_id FROM embargoes)
UNION ALL
SELECT 'vocabulary or citation', finding_uid FROM panel_findings
WHERE finding_type NOT IN ('violation', 'alleged_violation', 'notification_failure', 'diversion',
        'illicit_brokering', 'recommendation', 'other')
   OR confidence NOT IN ('confirmed', 'probable', 'possible')
   OR classification NOT IN ('public', 'restricted', 'confidential', 'strictly_confidential')
   OR (paragraph IS NULL AND annex IS NULL)
UNION ALL
SELECT 'orphan reference', finding_uid FROM panel_finding_references
WHERE finding_uid NOT IN (SELECT finding_uid FROM panel_findings);
