-- Listed parties: one row per reference number, known party types and embargoes, every party
-- with its listed name, names that belong to a party.
SELECT 'duplicate party' AS problem, reference_number AS key
FROM sanctioned_parties GROUP BY reference_number HAVING count(*) > 1
UNION ALL
SELECT 'type or embargo', reference_number FROM sanctioned_parties
WHERE party_type NOT IN ('individual', 'entity')
   OR (embargo_id IS NOT NULL AND embargo_id NOT IN (SELECT embargo_id FROM embargoes))
UNION ALL
SELECT 'no listed name', p.reference_number FROM sanctioned_parties AS p
WHERE NOT EXISTS (SELECT 1 FROM sanctioned_party_names AS n
    WHERE n.reference_number = p.reference_number AND n.name_kind = 'listed_name')
UNION ALL
SELECT 'orphan name', reference_number FROM sanctioned_party_names
WHERE reference_number NOT IN (SELECT reference_number FROM sanctioned_parties);
