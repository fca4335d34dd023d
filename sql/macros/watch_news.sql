-- What is new or changed since a moment for one watch: every record that the watch matches and
-- that entered the warehouse at or after `since` (a version's recorded_at, or the first load time
-- of the load that brought a sighting, a transfer or a listed party), among the classifications
-- `visible` (the reader's clearance when the digest is read). change is new for a record's first
-- version, changed for a later one (a sighting: when its item line's or its event's latest
-- version, by a later file or a correction, is not the first). The watch kinds
-- (embargo/watches.py):
--   serial   subject: a normalised serial, % and _ as wildcards (sightings, tracing requests,
--            serials named by findings);
--   lot      subject: a lot number (sightings);
--   party    subject: part of a name (listed parties and their aliases, parties named by findings,
--            the sides of conflict events, whom materiel was seized from, the suppliers and
--            recipients of registered transfers);
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
-- A sighting changes when its item line or its event gets a version: it stands at the later.
sighting_versions AS (
    SELECT
        i.*,
        e.event_date, e.country_iso3, e.location_name, e.latitude, e.longitude, e.seized_from,
        more_sensitive(i.classification, e.classification) AS level,
        li.loaded_at AS item_loaded_at,
        le.loaded_at AS event_loaded_at,
        e.version AS event_version
    FROM seizure_items AS i
    JOIN seizure_events AS e USING (event_uid)
    JOIN loads AS li ON li.load_id = i.load_id
    JOIN loads AS le ON le.load_id = e.load_id
    WHERE li.loaded_at >= since OR le.loaded_at >= since
),
sightings AS (
    SELECT
        'sighting' AS record_kind,
        event_uid AS record_id,
        CASE WHEN (item_loaded_at >= event_loaded_at AND version = 1)
            OR (event_loaded_at > item_loaded_at AND event_version = 1)
            THEN 'new' ELSE 'changed' END AS change,
        greatest(item_loaded_at, event_loaded_at) AS recorded_at,
        event_date AS record_date,
        country_iso3,
        concat_ws(' ', manufacturer, model, serial_number, lot_number,
                  '(' || location_name || ')') AS summary,
        level AS classification,
        serial_normalized,
        lot_number,
        coalesce(weapon_category, item_kind) AS category,
        latitude,
        longitude,
        seized_from
    FROM sighting_versions
),
transfers_loaded AS (
    SELECT
        'transfer' AS record_kind,
        t.transfer_id AS record_id,
        'new' AS change,
        l.loaded_at AS recorded_at,
        CAST(NULL AS DATE) AS record_date,
        t.recipient_iso3 AS country_iso3,
        concat_ws(' ', t.supplier_name, '->', t.recipient_name, t.delivery_year, t.designation,
                  t.description) AS summary,
        t.classification,
        t.supplier_name,
        t.recipient_name
    FROM transfers AS t
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
-- Findings and notifications: records of an embargo about a country, matched alike (record_kind
-- says which).
regime_records AS (
    SELECT record_kind, record_id, change, recorded_at, record_date, country_iso3, summary,
        classification, embargo_id
    FROM findings
    UNION ALL
    SELECT record_kind, record_id, change, recorded_at, record_date, country_iso3, summary,
        classification, embargo_id
    FROM notifications
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
        OR (watch_kind = 'party' AND seized_from ILIKE '%' || subject || '%')
    UNION ALL
    SELECT record_kind, record_id, change, recorded_at, record_date, country_iso3, summary,
        classification
    FROM transfers_loaded
    WHERE watch_kind = 'party' AND (supplier_name ILIKE '%' || subject || '%'
        OR recipient_name ILIKE '%' || subject || '%')
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
    FROM regime_records
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
