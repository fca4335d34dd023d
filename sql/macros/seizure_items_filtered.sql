-- Item lines a viewer may see, in a period, narrowed by context, category and reporting entity
-- (empty list = all), from the stored item facts.
CREATE MACRO seizure_items_filtered(visible, date_from, date_to, contexts, categories, entities)
AS TABLE
WITH wanted AS (
    SELECT
        CAST(visible AS VARCHAR[]) AS visible,
        CAST(contexts AS VARCHAR[]) AS contexts,
        CAST(categories AS VARCHAR[]) AS categories,
        CAST(entities AS VARCHAR[]) AS entities
)
SELECT f.* EXCLUDE (markings_key, lot_number_key, headstamp_key)
FROM seizure_item_facts_known AS f, wanted AS w
WHERE list_contains(w.visible, f.classification)
  AND f.event_date BETWEEN CAST(date_from AS DATE) AND CAST(date_to AS DATE)
  AND (len(w.contexts) = 0 OR list_contains(w.contexts, f.context))
  AND (len(w.categories) = 0 OR list_contains(w.categories, f.category))
  AND (len(w.entities) = 0 OR list_contains(w.entities, f.reporting_entity));
