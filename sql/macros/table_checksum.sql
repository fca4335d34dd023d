-- The content of one table as a row count and an order-independent checksum (the sum of a hash
-- of every row), leaving out the columns that name a load batch, a write or a load time (load_id,
-- change_id, started_at, finished_at, and a version's recorded_at, superseded_at and
-- superseded_by_load_id): they differ between two builds of the same data. A warehouse rebuilt
-- from the same reference data and raw files has the same row count and checksum in every table,
-- whatever order the rows are stored in.
CREATE MACRO table_checksum(table_name) AS TABLE
SELECT
    CAST(table_name AS VARCHAR) AS table_name,
    count(*) AS row_count,
    coalesce(sum(hash(*COLUMNS(c -> c NOT IN ('load_id', 'change_id', 'started_at', 'finished_at', 'recorded_at', 'superseded_at', 'superseded_by_load_id')))), 0)
        AS content_checksum
FROM query_table(table_name);
