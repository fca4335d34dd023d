-- Every embargo_id names exactly one embargo.
SELECT embargo_id, count(*) AS n FROM embargoes GROUP BY embargo_id HAVING count(*) > 1;
