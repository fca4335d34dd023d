-- An embargo in force has no end date; a lifted one has one.
SELECT embargo_id, status, end_date
FROM embargoes
WHERE (status = 'in force' AND end_date IS NOT NULL)
   OR (status = 'lifted' AND end_date IS NULL);
