-- The registered deliveries to and from one party (party_directory.party_key) that a viewer
-- cleared for `visible` may see: its role (recipient or supplier), the delivery and where the
-- record comes from. A name of the sanctions list counts only through a confirmed link.
CREATE MACRO party_deliveries(visible, party) AS TABLE
WITH keys AS (
    SELECT DISTINCT record_key FROM party_directory
    WHERE party_key = party AND record_key IS NOT NULL
)
SELECT
    CASE WHEN alias_key(t.recipient_name) IN (SELECT record_key FROM keys)
        THEN 'recipient' ELSE 'supplier' END AS party_role,
    t.transfer_id,
    t.source_id,
    t.source_record_id,
    t.supplier_name,
    t.supplier_iso3,
    t.recipient_name,
    t.recipient_iso3,
    t.category,
    t.designation,
    t.description,
    t.order_year,
    t.delivery_year,
    t.quantity,
    t.file_name,
    t.source_row_number,
    t.classification
FROM transfers AS t
WHERE list_contains(CAST(visible AS VARCHAR[]), t.classification)
  AND NOT t.is_nil_report
  AND (alias_key(t.recipient_name) IN (SELECT record_key FROM keys)
       OR alias_key(t.supplier_name) IN (SELECT record_key FROM keys))
ORDER BY t.delivery_year, t.transfer_id;
