-- The supply chains of the parties (party_directory) as edges, one row per record that makes
-- an edge, for a viewer cleared for `visible`:
--   transfer       supplier -> recipient, a registered delivery to a party (or, when `party`
--                  is given, from it);
--   seized_from    party -> the seizure event of items recovered from it, one row per item line;
--   cites          seizure event -> a panel finding citing the event or one of its items;
--   names          party -> a panel finding naming it among its involved entities;
--   brokering      a licence a State issued for a broker: the source country -> the broker ->
--                  the end user (or, when none is named, the destination country), when the
--                  broker or the end user is a party.
-- A node is a party (its party_key), a State or other supplier not in the directory (its name),
-- a seizure event (event_uid) or a finding (finding_uid). Each row carries the record's own
-- classification, or the more sensitive of the records it joins (an item with its event, a
-- finding with what it cites), and only visible rows are returned. Filters (empty lists: all):
-- `party` (NULL: every party), `countries` (the recipient's or supplier's country of a
-- transfer, the country of a seizure event, the target of a finding), `regimes` (the
-- UN_LIST_TYPE of a party at the edge) and the years of the records (delivery, event,
-- document) from `year_from` to `year_to`. Seizure records, findings, brokering decisions and
-- listed parties are the versions known on the session's "as known on" date when one is chosen
-- (their *_known views); registered transfers have no versions and are read as loaded.
CREATE MACRO supply_chain_edges(visible, party, countries, regimes, year_from, year_to) AS TABLE
WITH directory AS (
    SELECT DISTINCT record_key, party_key, party_label, party_kind, un_list_type
    FROM party_directory
    WHERE record_key IS NOT NULL
),
chosen AS (
    SELECT DISTINCT party_key FROM party_directory WHERE party IS NULL OR party_key = party
),
deliveries AS (
    SELECT
        t.*,
        r.party_key AS recipient_key, r.party_label AS recipient_label,
        r.un_list_type AS recipient_regime,
        s.party_key AS supplier_key, s.party_label AS supplier_label,
        s.un_list_type AS supplier_regime
    FROM transfers AS t
    LEFT JOIN directory AS r ON r.record_key = alias_key(t.recipient_name)
    LEFT JOIN directory AS s ON s.record_key = alias_key(t.supplier_name)
    WHERE list_contains(CAST(visible AS VARCHAR[]), t.classification)
      AND NOT t.is_nil_report
      AND t.delivery_year BETWEEN year_from AND year_to
      AND (len(countries) = 0 OR list_contains(countries, t.recipient_iso3)
           OR list_contains(countries, t.supplier_iso3))
),
transfer_edges AS (
    SELECT
        coalesce('party:' || supplier_key, 'name:' || supplier_name) AS from_id,
        coalesce(supplier_label, supplier_name) AS from_label,
        CASE WHEN supplier_key IS NULL THEN 'other' ELSE 'party' END AS from_kind,
        coalesce('party:' || recipient_key, 'name:' || recipient_name) AS to_id,
        coalesce(recipient_label, recipient_name) AS to_label,
        CASE WHEN recipient_key IS NULL THEN 'other' ELSE 'party' END AS to_kind,
        'transfer' AS edge_kind,
        transfer_id AS record_id,
        concat_ws(' ', CAST(CAST(quantity AS BIGINT) AS VARCHAR), designation, description)
            AS record_label,
        delivery_year AS record_year,
        source_id AS source,
        file_name,
        source_row_number,
        classification
    FROM deliveries
    WHERE (recipient_key IN (SELECT party_key FROM chosen)
           OR (party IS NOT NULL AND supplier_key = party))
      -- a regime's party at either end: deliveries to it and its own onward deliveries
      AND (len(regimes) = 0 OR list_contains(regimes, recipient_regime)
           OR list_contains(regimes, supplier_regime))
),
seized AS (
    SELECT
        d.party_key, d.party_label, d.un_list_type, e.*,
        i.item_line_uid, i.quantity, i.manufacturer, i.model, i.serial_number,
        i.file_name AS item_file_name, i.source_row_number AS item_row_number,
        more_sensitive(i.classification, e.classification) AS shown_classification
    FROM seizure_events_known AS e
    JOIN directory AS d ON d.record_key = alias_key(e.seized_from)
    JOIN seizure_items_known AS i USING (event_uid)
    WHERE d.party_key IN (SELECT party_key FROM chosen)
      AND (len(regimes) = 0 OR list_contains(regimes, d.un_list_type))
      AND year(e.event_date) BETWEEN year_from AND year_to
      AND (len(countries) = 0 OR list_contains(countries, e.country_iso3))
      AND list_contains(CAST(visible AS VARCHAR[]),
                        more_sensitive(i.classification, e.classification))
),
seizure_edges AS (
    SELECT
        'party:' || party_key AS from_id, party_label, 'party',
        'event:' || event_uid,
        concat_ws(' ', event_id, strftime(event_date, '%Y-%m-%d'), country_iso3),
        'items',
        'seized_from', item_line_uid,
        concat_ws(' ', CAST(CAST(quantity AS BIGINT) AS VARCHAR), manufacturer, model,
                  serial_number),
        year(event_date), reporting_entity, item_file_name, item_row_number, shown_classification
    FROM seized
),
findings AS (
    SELECT *
    FROM panel_findings
    WHERE list_contains(CAST(visible AS VARCHAR[]), classification)
      AND year(document_date) BETWEEN year_from AND year_to
      AND (len(countries) = 0 OR list_contains(countries, target_iso3))
),
cited AS (
    -- a finding citing the event itself, or one of the item lines of it that are in the chain
    SELECT DISTINCT s.event_uid, s.event_id, s.event_date, s.country_iso3, l.finding_uid,
        more_sensitive(l.finding_classification, l.matched_classification) AS shown_classification
    FROM seized AS s
    JOIN panel_finding_links AS l
      ON (l.matched_kind = 'seizure_event' AND l.matched_id = s.event_uid)
      OR (l.matched_kind = 'seizure_item' AND l.matched_id = s.item_line_uid)
    WHERE list_contains(CAST(visible AS VARCHAR[]),
                        more_sensitive(l.finding_classification, l.matched_classification))
),
cite_edges AS (
    SELECT
        'event:' || c.event_uid,
        concat_ws(' ', c.event_id, strftime(c.event_date, '%Y-%m-%d'), c.country_iso3),
        'items',
        'finding:' || f.finding_uid,
        concat_ws(' · ', f.finding_id, f.document_symbol),
        'finding',
        'cites', f.finding_uid, f.summary, year(f.document_date),
        concat_ws(' ', f.document_symbol, coalesce('¶' || f.paragraph, f.annex)), f.file_name,
        f.source_row_number, more_sensitive(c.shown_classification, f.classification)
    FROM cited AS c
    JOIN findings AS f USING (finding_uid)
),
name_edges AS (
    SELECT DISTINCT
        'party:' || d.party_key, d.party_label, 'party',
        'finding:' || f.finding_uid,
        concat_ws(' · ', f.finding_id, f.document_symbol),
        'finding',
        'names', f.finding_uid, f.summary, year(f.document_date),
        concat_ws(' ', f.document_symbol, coalesce('¶' || f.paragraph, f.annex)), f.file_name,
        f.source_row_number, f.classification
    FROM findings AS f
    JOIN panel_finding_references AS r USING (finding_uid, version)
    JOIN party_directory AS d ON d.finding_key = r.reference_normalized
    WHERE r.reference_kind = 'entity'
      AND d.party_key IN (SELECT party_key FROM chosen)
      AND (len(regimes) = 0 OR list_contains(regimes, d.un_list_type))
      -- over every party, a finding hangs on a party the chain reached by a record
      AND (party IS NOT NULL
           OR 'party:' || d.party_key IN (SELECT to_id FROM transfer_edges)
           OR 'party:' || d.party_key IN (SELECT from_id FROM transfer_edges)
           OR 'party:' || d.party_key IN (SELECT from_id FROM seizure_edges))
)
,
brokered AS (
    SELECT
        b.*,
        bd.party_key AS broker_key, bd.party_label AS broker_label,
        ed.party_key AS end_user_key, ed.party_label AS end_user_label,
        s.country_name AS source_name, d.country_name AS destination_name,
        concat_ws(':', b.reporting_state_iso3, b.licence_id, b.decision) AS record_id,
        concat_ws(' ', CAST(CAST(b.quantity AS BIGINT) AS VARCHAR), b.description) AS record_label
    FROM brokering_records AS b
    LEFT JOIN directory AS bd ON bd.record_key = alias_key(b.broker_name)
    LEFT JOIN directory AS ed ON ed.record_key = alias_key(b.end_user)
    LEFT JOIN countries AS s ON s.country_iso3 = b.source_country_iso3
    LEFT JOIN countries AS d ON d.country_iso3 = b.destination_country_iso3
    WHERE b.decision = 'issued'
      AND list_contains(CAST(visible AS VARCHAR[]), b.classification)
      AND year(b.decision_date) BETWEEN year_from AND year_to
      AND (len(countries) = 0 OR list_contains(countries, b.destination_country_iso3)
           OR list_contains(countries, b.source_country_iso3)
           OR list_contains(countries, b.broker_country_iso3))
      AND (bd.party_key IN (SELECT party_key FROM chosen)
           OR ed.party_key IN (SELECT party_key FROM chosen))
      AND (len(regimes) = 0 OR list_contains(regimes, bd.un_list_type)
           OR list_contains(regimes, ed.un_list_type))
),
brokering_edges AS (
    SELECT
        'name:' || coalesce(source_name, source_country_iso3), coalesce(source_name,
        source_country_iso3), 'other',
        coalesce('party:' || broker_key, 'name:' || broker_name),
        coalesce(broker_label, broker_name),
        CASE WHEN broker_key IS NULL THEN 'other' ELSE 'party' END,
        'brokering', record_id, record_label, year(decision_date), reporting_state_iso3,
        file_name, source_row_number, classification
    FROM brokered
    WHERE source_country_iso3 IS NOT NULL
    UNION ALL
    SELECT
        coalesce('party:' || broker_key, 'name:' || broker_name),
        coalesce(broker_label, broker_name),
        CASE WHEN broker_key IS NULL THEN 'other' ELSE 'party' END,
        coalesce('party:' || end_user_key, 'name:' || coalesce(end_user, destination_name)),
        coalesce(end_user_label, end_user, destination_name),
        CASE WHEN end_user_key IS NULL THEN 'other' ELSE 'party' END,
        'brokering', record_id, record_label, year(decision_date), reporting_state_iso3,
        file_name, source_row_number, classification
    FROM brokered
)
SELECT * FROM transfer_edges
UNION ALL SELECT * FROM brokering_edges
UNION ALL SELECT * FROM seizure_edges
UNION ALL SELECT * FROM cite_edges
UNION ALL SELECT * FROM name_edges
ORDER BY edge_kind, from_id, to_id, record_id;
