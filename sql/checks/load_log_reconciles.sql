-- Every load accounts for every row read: read = loaded + rejected, and the rejects table agrees.
WITH rejected AS (
    SELECT load_id, count(DISTINCT row_number) AS rejected_rows FROM rejects GROUP BY load_id
)
SELECT l.load_id, l.file_name, l.rows_read, l.rows_loaded, l.rows_rejected, r.rejected_rows
FROM load_log AS l
LEFT JOIN rejected AS r USING (load_id)
WHERE l.rows_read <> l.rows_loaded + l.rows_rejected
   OR l.rows_rejected <> coalesce(r.rejected_rows, 0);
