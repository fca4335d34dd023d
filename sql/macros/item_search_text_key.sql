-- A search text as Item search compares it with markings, lot numbers and headstamps: trimmed,
-- in lower case (as the search keys of seizure_item_facts_stored).
CREATE MACRO item_search_text_key(search_text) AS lower(trim(CAST(search_text AS VARCHAR)));
