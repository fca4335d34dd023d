-- The classification of each load, stored: load_classification computed once after every load
-- and build. The load log, the rejects and the inventory of loaded sources (read by every page
-- for the synthetic-data notice) are shown by it, and the view reads every record table: about
-- 85 ms at a million item lines on a file and 150 to 300 ms on a shared catalog, paid by every
-- page view after each load until it was stored.
CREATE TABLE load_classification_stored AS
SELECT load_id, classification
FROM load_classification;
COMMENT ON TABLE load_classification_stored IS 'Stored result of the view load_classification (the classification of each load), refreshed after every load and build; the load log, rejects and data inventory are shown by it.';
