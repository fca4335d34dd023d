-- Item lines a viewer may see, in a period, narrowed by context, category and reporting entity
-- (empty list = all), from the stored item facts. The filters are written on the parameters
-- themselves: an empty list makes its condition a constant the query drops before it scans.
CREATE MACRO seizure_items_filtered(visible, date_from, date_to, contexts, categories, entities)
AS TABLE
SELECT f.* EXCLUDE (markings_key, lot_number_key, headstamp_key)
FROM seizure_item_facts_known AS f
WHERE list_contains(CAST(visible AS VARCHAR[]), f.classification)
  AND f.event_date BETWEEN CAST(date_from AS DATE) AND CAST(date_to AS DATE)
  AND (len(CAST(contexts AS VARCHAR[])) = 0
       OR list_contains(CAST(contexts AS VARCHAR[]), f.context))
  AND (len(CAST(categories AS VARCHAR[])) = 0
       OR list_contains(CAST(categories AS VARCHAR[]), f.category))
  AND (len(CAST(entities AS VARCHAR[])) = 0
       OR list_contains(CAST(entities AS VARCHAR[]), f.reporting_entity));
