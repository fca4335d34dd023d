-- The seizure item facts, stored: seizure_item_facts computed once after every load and build,
-- ordered by classification and event date (the seizure queries filter by classification
-- first, then by period), so the pages read a table instead of joining item lines to events on
-- every call (about a second at a million item lines).
CREATE TABLE seizure_item_facts_stored AS
SELECT * FROM seizure_item_facts ORDER BY classification, event_date;
COMMENT ON TABLE seizure_item_facts_stored IS 'Stored result of the view seizure_item_facts, ordered by classification and event_date, refreshed after every load and build; the Item search, Trends and Tracing queries read it.';
