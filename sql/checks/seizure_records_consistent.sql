-- Seizure events and item lines: unique ids, every line belongs to an event, an item with a serial
-- has an identity, and the vocabularies are the documented ones.
SELECT 'seizure_events.event_uid' AS problem, event_uid AS key FROM seizure_events
GROUP BY event_uid HAVING count(*) > 1
UNION ALL
SELECT 'seizure_items.item_line_uid', item_line_uid FROM seizure_items
GROUP BY item_line_uid HAVING count(*) > 1
UNION ALL
SELECT 'seizure_items without event', item_line_uid FROM seizure_items
WHERE event_uid NOT IN (SELECT event_uid FROM seizure_events)
UNION ALL
SELECT 'seizure_events without items', event_uid FROM seizure_events
WHERE event_uid NOT IN (SELECT event_uid FROM seizure_items)
UNION ALL
SELECT 'seizure_items serial without item_uid', item_line_uid FROM seizure_items
WHERE (serial_normalized IS NULL) <> (item_uid IS NULL)
UNION ALL
SELECT 'seizure_events vocabulary', event_uid FROM seizure_events
WHERE date_precision NOT IN (SELECT value FROM vocabularies WHERE vocabulary = 'date_precision')
   OR context NOT IN (SELECT value FROM vocabularies WHERE vocabulary = 'seizure_context')
   OR classification NOT IN (SELECT value FROM vocabularies WHERE vocabulary = 'classification')
   OR (latitude IS NULL) <> (longitude IS NULL)
   OR country_iso3 NOT IN (SELECT country_iso3 FROM countries)
UNION ALL
SELECT 'seizure_items vocabulary', item_line_uid FROM seizure_items
WHERE item_kind NOT IN (SELECT value FROM vocabularies WHERE vocabulary = 'item_kind')
   OR unit NOT IN (SELECT value FROM vocabularies WHERE vocabulary = 'unit')
   OR quantity <= 0
   OR classification NOT IN (SELECT value FROM vocabularies WHERE vocabulary = 'classification')
   OR verification NOT IN (SELECT value FROM vocabularies WHERE vocabulary = 'verification')
   OR (item_kind = 'weapon' AND weapon_category IS NULL);
