-- The panel findings (as known, panel_findings) that name one party (party_directory.party_key)
-- among their involved entities, by any of its names (the list's names and aliases, the names
-- linked to it, an actor's spellings), visible to a viewer cleared for `visible`; with the names
-- they wrote.
CREATE MACRO party_findings(visible, party) AS TABLE
WITH keys AS (
    SELECT DISTINCT finding_key FROM party_directory WHERE party_key = party
),
named AS (
    SELECT r.finding_uid, r.version, string_agg(DISTINCT r.reference, '; ' ORDER BY r.reference)
        AS named_as
    FROM panel_finding_references AS r
    WHERE r.reference_kind = 'entity'
      AND r.reference_normalized IN (SELECT finding_key FROM keys)
    GROUP BY ALL
)
SELECT
    f.finding_uid,
    f.finding_id,
    f.panel,
    f.embargo_id,
    f.document_symbol,
    f.document_date,
    f.paragraph,
    f.annex,
    f.finding_type,
    f.target_iso3,
    f.summary,
    f.confidence,
    n.named_as,
    f.file_name,
    f.source_row_number,
    f.classification
FROM panel_findings AS f
JOIN named AS n USING (finding_uid, version)
WHERE list_contains(CAST(visible AS VARCHAR[]), f.classification)
ORDER BY f.document_date, f.finding_id;
