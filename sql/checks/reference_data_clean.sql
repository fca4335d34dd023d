-- The committed reference data loads without a single reject.
SELECT l.file_name, r.row_number, r.column_name, r.value, r.reason
FROM rejects AS r
JOIN load_log AS l USING (load_id)
WHERE l.file_format = 'reference';
