-- Conflict events: one row per event_id, known sources, coordinates in range, deaths not negative.
SELECT 'duplicate event' AS problem, event_id AS key
FROM conflict_events GROUP BY event_id HAVING count(*) > 1
UNION ALL
SELECT 'values', event_id FROM conflict_events
WHERE source NOT IN ('ucdp_ged', 'acled')
   OR latitude NOT BETWEEN -90 AND 90
   OR longitude NOT BETWEEN -180 AND 180
   OR fatalities < 0
   OR event_date_end < event_date;
