-- Per workflow and state: the records in it now, and the median and longest days spent in it
-- (all spells, ended or not), counting only what the viewer may see.
CREATE MACRO workflow_state_summary(visible, wanted_workflow) AS TABLE
SELECT
    state,
    count(*) FILTER (WHERE current) AS records_now,
    count(*) AS spells,
    median(days_in_state) AS median_days,
    max(days_in_state) AS longest_days
FROM workflow_states
WHERE workflow = wanted_workflow
  AND list_contains(CAST(visible AS VARCHAR[]), classification)
GROUP BY state
ORDER BY records_now DESC, state;
