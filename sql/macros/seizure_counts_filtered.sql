-- Counted item lines (seizure_event_category_counts) a viewer may see, in a period, narrowed by
-- context, category and reporting entity (empty list = all). The Hotspots and Trends queries add
-- these up: count(DISTINCT event_uid) for events, sum(item_lines), sum(items), sum(rounds).
CREATE MACRO seizure_counts_filtered(visible, date_from, date_to, contexts, categories, entities)
AS TABLE
WITH wanted AS (
    SELECT
        CAST(visible AS VARCHAR[]) AS visible,
        CAST(contexts AS VARCHAR[]) AS contexts,
        CAST(categories AS VARCHAR[]) AS categories,
        CAST(entities AS VARCHAR[]) AS entities
)
SELECT c.*
FROM seizure_event_category_counts AS c, wanted AS w
WHERE list_contains(w.visible, c.classification)
  AND c.event_date BETWEEN CAST(date_from AS DATE) AND CAST(date_to AS DATE)
  AND (len(w.contexts) = 0 OR list_contains(w.contexts, c.context))
  AND (len(w.categories) = 0 OR list_contains(w.categories, c.category))
  AND (len(w.entities) = 0 OR list_contains(w.entities, c.reporting_entity));
