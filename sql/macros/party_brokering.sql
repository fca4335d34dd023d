-- The brokering decisions (as known, brokering_records) that name one party
-- (party_directory.party_key) as the broker or the end user, visible to a viewer cleared for
-- `visible`: its role, the licence, the decision and where the items came from and went.
CREATE MACRO party_brokering(visible, party) AS TABLE
WITH keys AS (
    SELECT DISTINCT record_key FROM party_directory
    WHERE party_key = party AND record_key IS NOT NULL
)
SELECT
    CASE WHEN alias_key(b.broker_name) IN (SELECT record_key FROM keys)
        THEN 'broker' ELSE 'end_user' END AS party_role,
    b.decision_date,
    b.decision,
    b.licence_id,
    b.reporting_state_iso3,
    b.broker_name,
    b.broker_country_iso3,
    b.source_country_iso3,
    b.destination_country_iso3,
    b.end_user,
    b.category,
    b.description,
    b.quantity,
    b.value,
    b.currency,
    b.source_document,
    b.file_name,
    b.source_row_number,
    b.classification
FROM brokering_records AS b
WHERE list_contains(CAST(visible AS VARCHAR[]), b.classification)
  AND (alias_key(b.broker_name) IN (SELECT record_key FROM keys)
       OR alias_key(b.end_user) IN (SELECT record_key FROM keys))
ORDER BY b.decision_date, b.reporting_state_iso3, b.licence_id;
