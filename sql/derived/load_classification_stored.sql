-- The classification of each load, stored: the load log, the rejects and the inventory of
-- loaded sources (read by every page for the synthetic-data notice) are shown by it, and the view
-- load_classification reads every record table (about 85 ms at a million item lines on a file,
-- 150 to 300 ms on a shared catalog: every page view paid it after each load). A load's
-- classification follows from its own rows alone, so a load adds its row and recomputes no
-- other (PER_LOAD_DERIVED_TABLES in embargo/warehouse.py); a build computes all.
CREATE TABLE load_classification_stored AS
SELECT load_id, classification
FROM load_classification;
COMMENT ON TABLE load_classification_stored IS 'Stored result of the view load_classification (the classification of each load), refreshed after every load and build; the load log, rejects and data inventory are shown by it.';
