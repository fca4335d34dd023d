-- The seizure item facts, stored: seizure_item_facts computed once after every load and build,
-- so the pages read a table instead of joining item lines to events on every call (about a
-- second at a million item lines). Three lower-case search keys let Item search compare text
-- without lower-casing a million values per search; the queries that return whole rows leave
-- them out (* EXCLUDE). Stored in the order of the item lines, which a load writes by serial,
-- then date (ingest/sources/seizures/fast.py): the sightings of one serial or serial prefix lie
-- together, so the rows a search shows are read from a few blocks instead of the whole table,
-- and the million wide rows are not sorted again here (sorting them took a quarter of this
-- statement's CPU and most of its memory). A small load rewrites only the rows of the events it
-- added item lines to, after the others (PER_EVENT_DERIVED_TABLES in
-- embargo/warehouse/refresh.py). The other pages read tables derived from this one (counts,
-- fresh supply, traced weapons), each filtered by classification first.
CREATE TABLE seizure_item_facts_stored AS
SELECT
    *,
    lower(markings) AS markings_key,
    lower(lot_number) AS lot_number_key,
    lower(concat_ws(' ', headstamp_factory, headstamp_year)) AS headstamp_key
FROM seizure_item_facts;
COMMENT ON TABLE seizure_item_facts_stored IS 'Stored result of the view seizure_item_facts (plus lower-case search keys), in the order of the item lines (each load''s by serial and date), refreshed after every load and build; Item search and the derived seizure tables read it.';
COMMENT ON COLUMN seizure_item_facts_stored.markings_key IS 'markings in lower case, for Item search.';
COMMENT ON COLUMN seizure_item_facts_stored.lot_number_key IS 'lot_number in lower case, for Item search.';
COMMENT ON COLUMN seizure_item_facts_stored.headstamp_key IS 'headstamp_factory and headstamp_year joined by a space, in lower case, for Item search.';
