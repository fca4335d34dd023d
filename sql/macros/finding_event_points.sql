-- Seizure events linked to the findings a viewer may see under the Findings page filters, one
-- point per event with the findings that cite it (document symbol and paragraph or annex); both
-- the finding and the event must be visible. At most 5,000 points, the earliest first.
CREATE MACRO finding_event_points(visible, embargo_ids, finding_types, confidences, year_from,
    year_to)
AS TABLE
WITH f AS (
    SELECT *
    FROM panel_findings_filtered(
        visible, embargo_ids, finding_types, confidences, year_from, year_to
    )
)
SELECT
    e.event_uid, e.event_id, e.event_date, e.country_iso3, e.location_name,
    e.latitude, e.longitude, e.reporting_entity,
    count(DISTINCT f.finding_uid) AS findings,
    string_agg(
        DISTINCT f.document_symbol || ' ' || coalesce('para. ' || f.paragraph, 'annex ' || f.annex),
        '; '
        ORDER BY f.document_symbol || ' ' || coalesce('para. ' || f.paragraph, 'annex ' || f.annex)
    ) AS cited_in,
    min(f.finding_type) AS finding_type
FROM f
JOIN panel_finding_links AS l USING (finding_uid)
JOIN seizure_events AS e ON e.event_uid = l.matched_id
WHERE l.matched_kind = 'seizure_event'
  AND list_contains(visible, e.classification)
  AND e.latitude IS NOT NULL
GROUP BY ALL
ORDER BY e.event_date, e.event_uid
LIMIT 5000;
