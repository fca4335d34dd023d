-- Embargo target kinds, statuses and confidence levels use the documented vocabularies.
SELECT embargo_id, target_kind, status, confidence
FROM embargoes
WHERE target_kind NOT IN ('state', 'non_state_actors', 'listed_parties', 'territory')
   OR status NOT IN ('in force', 'lifted', 'expired')
   OR confidence NOT IN ('verified', 'partly_verified');
