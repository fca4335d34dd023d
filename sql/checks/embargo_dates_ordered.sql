-- An embargo ends after it starts.
SELECT embargo_id, start_date, end_date FROM embargoes WHERE end_date IS NOT NULL AND end_date <= start_date;
