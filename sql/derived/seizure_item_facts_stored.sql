-- The seizure item facts, stored: seizure_item_facts computed once after every load and build,
-- ordered by classification and event date (the seizure queries filter by classification
-- first, then by period), so the pages read a table instead of joining item lines to events on
-- every call (about a second at a million item lines). Three lower-case search keys let Item
-- search compare text without lower-casing a million values per search; the queries that
-- return whole rows leave them out (* EXCLUDE).
CREATE TABLE seizure_item_facts_stored AS
SELECT
    *,
    lower(markings) AS markings_key,
    lower(lot_number) AS lot_number_key,
    lower(concat_ws(' ', headstamp_factory, headstamp_year)) AS headstamp_key
FROM seizure_item_facts
ORDER BY classification, event_date;
COMMENT ON TABLE seizure_item_facts_stored IS 'Stored result of the view seizure_item_facts (plus lower-case search keys), ordered by classification and event_date, refreshed after every load and build; the Hotspots, Trends, Tracing and Item search queries read it.';
COMMENT ON COLUMN seizure_item_facts_stored.markings_key IS 'markings in lower case, for Item search.';
COMMENT ON COLUMN seizure_item_facts_stored.lot_number_key IS 'lot_number in lower case, for Item search.';
COMMENT ON COLUMN seizure_item_facts_stored.headstamp_key IS 'headstamp_factory and headstamp_year joined by a space, in lower case, for Item search.';
