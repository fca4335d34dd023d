-- The seizure item facts, stored: seizure_item_facts computed once after every load and build,
-- so the pages read a table instead of joining item lines to events on every call (about a
-- second at a million item lines). Three lower-case search keys let Item search compare text
-- without lower-casing a million values per search; the queries that return whole rows leave
-- them out (* EXCLUDE). Ordered as Item search lists its sightings (serial, then date): the
-- sightings of one serial or serial prefix lie together, so the rows a search shows are read
-- from a few blocks instead of the whole table. A small load rewrites only the rows of the
-- events it added item lines to, after the ordered rows (PER_EVENT_DERIVED_TABLES in
-- embargo/warehouse.py); a build or a large load stores the whole table in order again. The
-- other pages read tables derived from this one (counts, fresh supply, traced weapons), each
-- filtered by classification first.
CREATE TABLE seizure_item_facts_stored AS
SELECT
    *,
    lower(markings) AS markings_key,
    lower(lot_number) AS lot_number_key,
    lower(concat_ws(' ', headstamp_factory, headstamp_year)) AS headstamp_key
FROM seizure_item_facts
ORDER BY serial_normalized, event_date;
COMMENT ON TABLE seizure_item_facts_stored IS 'Stored result of the view seizure_item_facts (plus lower-case search keys), ordered by serial_normalized and event_date, refreshed after every load and build; Item search and the derived seizure tables read it.';
COMMENT ON COLUMN seizure_item_facts_stored.markings_key IS 'markings in lower case, for Item search.';
COMMENT ON COLUMN seizure_item_facts_stored.lot_number_key IS 'lot_number in lower case, for Item search.';
COMMENT ON COLUMN seizure_item_facts_stored.headstamp_key IS 'headstamp_factory and headstamp_year joined by a space, in lower case, for Item search.';
