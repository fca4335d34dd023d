-- What is new or changed since a moment for one watch: every record that the watch matches and
-- that entered the warehouse at or after `since` (a version's recorded_at, or the first load time
-- of the load that brought a sighting or a listed party), among the classifications `visible`
-- (the reader's clearance when the digest is read). change is new for a record's first version,
-- changed for a later one. The watch kinds (embargo/watches.py):
--   serial   subject: a normalised serial, % and _ as wildcards (sightings, tracing requests,
--            serials named by findings);
--   lot      subject: a lot number (sightings);
--   party    subject: part of a name (listed parties and their aliases, parties named by findings,
--            the sides of conflict events);
--   country  subject: an ISO3 code, category optionally an item category (sightings; findings,
--            notifications and conflict events of the country);
--   embargo  subject: an embargo_id (sightings in its target countries, its findings and
--            notifications, its listed parties);
--   place    lat, lon, radius_km (sightings and conflict events within the radius).
CREATE MACRO watch_news(visible, since, watch_kind, subject, category, lat, lon, radius_km) AS TABLE
WITH
loads AS (
    SELECT load_id, coalesce(recorded_at, started_at) AS loaded_at FROM load_log
),
sightings AS (
    SELECT
        'sighting' AS record_kind,
        f.event_uid AS record_id,
        'new' AS change,
        l.loaded_at AS recorded_at,
        f.event_date AS record_date,
        f.country_iso3,
        concat_ws(' ', f.manufacturer, f.model, f.serial_number, f.lot_number,
                  '(' || f.location_name || ')') AS summary,
        f.classification,
        f.serial_normalized,
        f.lot_number,
        f.category,
        f.latitude,
        f.longitude
    FROM seizure_item_facts AS f
    JOIN loads AS l USING (load_id)
    WHERE l.loaded_at >= since
),
traces AS (
    SELECT
        'trace_request' AS record_kind,
        requesting_entity || ':' || trace_id AS record_id,
        CASE WHEN version = 1 THEN 'new' ELSE 'changed' END AS change,
        recorded_at,
        coalesce(date_response, date_sent) AS record_date,
        addressed_to_iso3 AS country_iso3,
        concat_ws(' ', trace_id, serial_number, addressed_to, status) AS summary,
        classification,
        serial_normalized
    FROM trace_request_versions
    WHERE recorded_at >= since
),
findings AS (
    SELECT
        'panel_finding' AS record_kind,
        finding_uid AS record_id,
        CASE WHEN version = 1 THEN 'new' ELSE 'changed' END AS change,
        recorded_at,
        document_date AS record_date,
        target_iso3 AS country_iso3,
        concat_ws(' ', document_symbol, status, summary) AS summary,
        classification,
        embargo_id,
        finding_uid,
        version
    FROM panel_finding_versions
    WHERE recorded_at >= since
),
notifications AS (
    SELECT
        'exemption' AS record_kind,
        embargo_id || ':' || notification_id AS record_id,
        CASE WHEN version = 1 THEN 'new' ELSE 'changed' END AS change,
        recorded_at,
        coalesce(decision_date, date_submitted) AS record_date,
        recipient_iso3 AS country_iso3,
        concat_ws(' ', notification_id, submitting_state, procedure, decision) AS summary,
        classification,
        embargo_id
    FROM exemption_versions
    WHERE recorded_at >= since
),
conflict AS (
    SELECT
        'conflict_event' AS record_kind,
        event_id AS record_id,
        CASE WHEN version = 1 THEN 'new' ELSE 'changed' END AS change,
        recorded_at,
        event_date AS record_date,
        country_iso3,
        concat_ws(' ', event_type, actor1, actor2, location_name) AS summary,
        classification,
        actor1,
        actor2,
        latitude,
        longitude
    FROM conflict_event_versions
    WHERE recorded_at >= since
),
listed AS (
    SELECT
        'listed_party' AS record_kind,
        p.reference_number AS record_id,
        'new' AS change,
        l.loaded_at AS recorded_at,
        p.listed_on AS record_date,
        p.nationality_iso3 AS country_iso3,
        p.name AS summary,
        p.classification,
        p.embargo_id,
        p.reference_number
    FROM sanctioned_parties AS p
    JOIN loads AS l USING (load_id)
    WHERE l.loaded_at >= since
),
finding_references AS (
    SELECT f.*, r.reference_kind, r.reference_normalized, r.reference
    FROM findings AS f
    JOIN panel_finding_references AS r USING (finding_uid, version)
),
hits AS (
    SELECT record_kind, record_id, change, recorded_at, record_date, country_iso3, summary,
        classification
    FROM sightings
    WHERE (watch_kind = 'serial' AND serial_normalized LIKE subject)
        OR (watch_kind = 'lot' AND upper(trim(lot_number)) = upper(trim(subject)))
        OR (watch_kind = 'country' AND country_iso3 = subject
            AND (category IS NULL OR sightings.category = category))
        OR (watch_kind = 'embargo' AND country_iso3 IN (
            SELECT country_iso3 FROM embargo_target_countries WHERE embargo_id = subject))
        OR (watch_kind = 'place' AND latitude IS NOT NULL
            AND km_between(lat, lon, latitude, longitude) <= radius_km)
    UNION ALL
    SELECT record_kind, record_id, change, recorded_at, record_date, country_iso3, summary,
        classification
    FROM traces
    WHERE watch_kind = 'serial' AND serial_normalized LIKE subject
    UNION ALL
    SELECT DISTINCT record_kind, record_id, change, recorded_at, record_date, country_iso3,
        summary, classification
    FROM finding_references
    WHERE (watch_kind = 'serial' AND reference_kind = 'serial'
            AND reference_normalized LIKE subject)
        OR (watch_kind = 'party' AND reference_kind = 'entity'
            AND reference ILIKE '%' || subject || '%')
    UNION ALL
    SELECT record_kind, record_id, change, recorded_at, record_date, country_iso3, summary,
        classification
    FROM findings
    WHERE (watch_kind = 'country' AND country_iso3 = subject AND category IS NULL)
        OR (watch_kind = 'embargo' AND embargo_id = subject)
    UNION ALL
    SELECT record_kind, record_id, change, recorded_at, record_date, country_iso3, summary,
        classification
    FROM notifications
    WHERE (watch_kind = 'country' AND country_iso3 = subject AND category IS NULL)
        OR (watch_kind = 'embargo' AND embargo_id = subject)
    UNION ALL
    SELECT record_kind, record_id, change, recorded_at, record_date, country_iso3, summary,
        classification
    FROM conflict
    WHERE (watch_kind = 'country' AND country_iso3 = subject AND category IS NULL)
        OR (watch_kind = 'party' AND (actor1 ILIKE '%' || subject || '%'
            OR actor2 ILIKE '%' || subject || '%'))
        OR (watch_kind = 'place'
            AND km_between(lat, lon, latitude, longitude) <= radius_km)
    UNION ALL
    SELECT record_kind, record_id, change, recorded_at, record_date, country_iso3, summary,
        classification
    FROM listed
    WHERE (watch_kind = 'embargo' AND embargo_id = subject)
        OR (watch_kind = 'party' AND reference_number IN (
            SELECT n.reference_number FROM sanctioned_party_names AS n
            WHERE n.name ILIKE '%' || subject || '%'))
)
SELECT record_kind, record_id, change, recorded_at, record_date, country_iso3, summary,
    classification
FROM hits
WHERE list_contains(CAST(visible AS VARCHAR[]), classification)
ORDER BY recorded_at DESC, record_kind, record_id, summary;
