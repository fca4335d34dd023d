-- Whether a screened line or delivery passes the Screening page's filters (an empty list lets
-- every value pass): its embargo, verdict, register and delivery year.
CREATE MACRO screening_wanted(
    embargo_id, verdict, source, delivery_year, embargo_ids, verdicts, source_ids, year_from,
    year_to
) AS
    (len(CAST(embargo_ids AS VARCHAR[])) = 0
     OR list_contains(CAST(embargo_ids AS VARCHAR[]), embargo_id))
    AND (len(CAST(verdicts AS VARCHAR[])) = 0
         OR list_contains(CAST(verdicts AS VARCHAR[]), verdict))
    AND (len(CAST(source_ids AS VARCHAR[])) = 0
         OR list_contains(CAST(source_ids AS VARCHAR[]), source))
    AND delivery_year BETWEEN year_from AND year_to;
