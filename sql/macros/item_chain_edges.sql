-- The chain of documented items (item lines, by item_line_uid), in the edges of
-- supply_chain_edges, for a viewer cleared for `visible`:
--   seized_from    the party (or the name as written) the item was taken from -> its sighting
--                  (the seizure event), one row per item line;
--   transfer       supplier -> recipient of each registered transfer that could explain it
--                  (item_transfer_candidates);
--   could_explain  that recipient -> the sighting, with the candidate's score and reason;
--   cites          the sighting -> a panel finding citing the event or the item.
-- Every row is visible to the viewer: an item line with its event (more_sensitive), a
-- transfer, a finding with the record it cites. Item lines, events and findings are the
-- versions known on the session's "as known on" date when one is chosen (their *_known views),
-- as on the page that lists the sightings; registered transfers are read as loaded.
CREATE MACRO item_chain_edges(visible, item_line_uids) AS TABLE
WITH directory AS (
    SELECT DISTINCT record_key, party_key, party_label
    FROM party_directory
    WHERE record_key IS NOT NULL
),
sightings AS (
    SELECT
        e.*,
        i.item_line_uid, i.quantity, i.manufacturer, i.model, i.serial_number,
        i.file_name AS item_file_name, i.source_row_number AS item_row_number,
        more_sensitive(i.classification, e.classification) AS shown_classification,
        'event:' || e.event_uid AS node_id,
        concat_ws(' ', e.event_id, strftime(e.event_date, '%Y-%m-%d'), e.country_iso3)
            AS node_label
    FROM seizure_items_known AS i
    JOIN seizure_events_known AS e USING (event_uid)
    WHERE list_contains(CAST(item_line_uids AS VARCHAR[]), i.item_line_uid)
      AND list_contains(CAST(visible AS VARCHAR[]),
                        more_sensitive(i.classification, e.classification))
),
seizure_edges AS (
    SELECT
        coalesce('party:' || d.party_key, 'name:' || s.seized_from) AS from_id,
        coalesce(d.party_label, s.seized_from) AS from_label,
        CASE WHEN d.party_key IS NULL THEN 'other' ELSE 'party' END AS from_kind,
        s.node_id AS to_id,
        s.node_label AS to_label,
        'items' AS to_kind,
        'seized_from' AS edge_kind,
        s.item_line_uid AS record_id,
        concat_ws(' ', CAST(CAST(s.quantity AS BIGINT) AS VARCHAR), s.manufacturer, s.model,
                  s.serial_number) AS record_label,
        year(s.event_date) AS record_year,
        s.reporting_entity AS source,
        s.item_file_name AS file_name,
        s.item_row_number AS source_row_number,
        s.shown_classification AS classification
    FROM sightings AS s
    LEFT JOIN directory AS d ON d.record_key = alias_key(s.seized_from)
    WHERE s.seized_from IS NOT NULL
),
candidates AS (
    SELECT c.*, t.supplier_name, t.recipient_name, t.source_id AS transfer_source,
        t.file_name AS transfer_file, t.source_row_number AS transfer_row,
        t.classification AS transfer_classification,
        sd.party_key AS supplier_key, sd.party_label AS supplier_label,
        rd.party_key AS recipient_key, rd.party_label AS recipient_label,
        s.node_id, s.node_label, s.shown_classification
    FROM item_transfer_candidates(visible, item_line_uids) AS c
    JOIN transfers AS t USING (transfer_id)
    JOIN sightings AS s USING (item_line_uid)
    LEFT JOIN directory AS sd ON sd.record_key = alias_key(t.supplier_name)
    LEFT JOIN directory AS rd ON rd.record_key = alias_key(t.recipient_name)
),
transfer_edges AS (
    SELECT DISTINCT
        coalesce('party:' || supplier_key, 'name:' || supplier_name),
        coalesce(supplier_label, supplier_name),
        CASE WHEN supplier_key IS NULL THEN 'other' ELSE 'party' END,
        coalesce('party:' || recipient_key, 'name:' || recipient_name),
        coalesce(recipient_label, recipient_name),
        CASE WHEN recipient_key IS NULL THEN 'other' ELSE 'party' END,
        'transfer', transfer_id,
        concat_ws(' ', CAST(CAST(quantity AS BIGINT) AS VARCHAR), designation, description),
        delivery_year, transfer_source, transfer_file, transfer_row, transfer_classification
    FROM candidates
),
explain_edges AS (
    SELECT
        coalesce('party:' || recipient_key, 'name:' || recipient_name),
        coalesce(recipient_label, recipient_name),
        CASE WHEN recipient_key IS NULL THEN 'other' ELSE 'party' END,
        node_id, node_label, 'items',
        'could_explain', transfer_id, format('{} ({}/100)', explanation, score),
        delivery_year, transfer_source, transfer_file, transfer_row,
        more_sensitive(transfer_classification, shown_classification)
    FROM candidates
),
cite_edges AS (
    SELECT DISTINCT
        s.node_id, s.node_label, 'items',
        'finding:' || f.finding_uid, concat_ws(' · ', f.finding_id, f.document_symbol),
        'finding',
        'cites', f.finding_uid, f.summary, year(f.document_date),
        concat_ws(' ', f.document_symbol, coalesce('¶' || f.paragraph, f.annex)), f.file_name,
        f.source_row_number,
        more_sensitive(more_sensitive(l.matched_classification, s.shown_classification),
                       f.classification)
    FROM sightings AS s
    JOIN panel_finding_links AS l
      ON (l.matched_kind = 'seizure_event' AND l.matched_id = s.event_uid)
      OR (l.matched_kind = 'seizure_item' AND l.matched_id = s.item_line_uid)
    JOIN panel_findings AS f USING (finding_uid)
    WHERE list_contains(CAST(visible AS VARCHAR[]),
                        more_sensitive(more_sensitive(l.matched_classification,
                                                      s.shown_classification),
                                       f.classification))
)
SELECT * FROM seizure_edges
UNION ALL SELECT * FROM transfer_edges
UNION ALL SELECT * FROM explain_edges
UNION ALL SELECT * FROM cite_edges
ORDER BY edge_kind, from_id, to_id, record_id;
