-- Panel findings: one per finding_uid, a known embargo, documented vocabularies, a paragraph or
-- annex, and references that belong to a finding.
SELECT 'duplicate finding' AS problem, finding_uid AS key
FROM panel_findings GROUP BY finding_uid HAVING count(*) > 1
UNION ALL
SELECT 'unknown embargo', finding_uid FROM panel_findings
WHERE embargo_id NOT IN (SELECT embargo_id FROM embargoes)
UNION ALL
SELECT 'vocabulary or citation', finding_uid FROM panel_findings
WHERE finding_type NOT IN (SELECT value FROM vocabularies WHERE vocabulary = 'finding_type')
   OR confidence NOT IN (SELECT value FROM vocabularies WHERE vocabulary = 'finding_confidence')
   OR status NOT IN (SELECT value FROM vocabularies WHERE vocabulary = 'finding_status')
   OR classification NOT IN (SELECT value FROM vocabularies WHERE vocabulary = 'classification')
   OR (paragraph IS NULL AND annex IS NULL)
UNION ALL
SELECT 'orphan reference', finding_uid FROM panel_finding_references
WHERE (finding_uid, version) NOT IN (SELECT (finding_uid, version) FROM panel_finding_versions);
