-- What each reference of a panel finding matches: a country, seizure events, seized items or listed parties.
-- The finding's version and the seizure records are those known (panel_findings,
-- seizure_events_known, seizure_items_known): with an "as known on" date, as the warehouse knew
-- them then.
CREATE VIEW panel_finding_links AS
WITH matches AS (
    SELECT r.finding_uid, r.version, r.reference_kind, r.position, 'country' AS matched_kind,
        r.country_iso3 AS matched_id, 'public' AS matched_classification
    FROM panel_finding_references AS r
    WHERE r.reference_kind = 'state' AND r.country_iso3 IS NOT NULL
    UNION ALL
    -- an event is cited by its event_id or its event_uid; two equi-joins, not one join on OR,
    -- so the match stays a hash join on large warehouses
    SELECT r.finding_uid, r.version, r.reference_kind, r.position, 'seizure_event', e.event_uid,
        e.classification
    FROM panel_finding_references AS r
    JOIN seizure_events_known AS e ON e.event_id = r.reference
    WHERE r.reference_kind = 'event'
    UNION
    SELECT r.finding_uid, r.version, r.reference_kind, r.position, 'seizure_event', e.event_uid,
        e.classification
    FROM panel_finding_references AS r
    JOIN seizure_events_known AS e ON e.event_uid = r.reference
    WHERE r.reference_kind = 'event'
    UNION ALL
    -- an item line is shown with its event (finding_linked_records): the more sensitive of both
    SELECT r.finding_uid, r.version, r.reference_kind, r.position, 'seizure_item', i.item_line_uid,
        more_sensitive(i.classification, ie.classification)
    FROM panel_finding_references AS r
    JOIN seizure_items_known AS i ON i.serial_normalized = r.reference_normalized
    JOIN seizure_events_known AS ie ON ie.event_uid = i.event_uid
    WHERE r.reference_kind = 'serial'
    UNION ALL
    SELECT DISTINCT r.finding_uid, r.version, r.reference_kind, r.position, 'sanctioned_party',
        n.reference_number, 'public'
    FROM panel_finding_references AS r
    JOIN sanctioned_party_names AS n ON n.name_normalized = r.reference_normalized
    WHERE r.reference_kind = 'entity'
)
SELECT
    r.finding_uid,
    f.classification AS finding_classification,
    r.reference_kind,
    r.position,
    r.reference,
    m.matched_kind,
    m.matched_id,
    m.matched_classification
FROM panel_finding_references AS r
JOIN panel_findings AS f USING (finding_uid, version)
LEFT JOIN matches AS m USING (finding_uid, version, reference_kind, position);
COMMENT ON VIEW panel_finding_links IS 'Each State, entity, event or serial a panel finding names, with what it matches in the warehouse: a country (through country_aliases), seizure events (event_id or event_uid), seized item lines (serial_normalized) or listed parties (any listed name or alias, normalised). One row per match; a reference that matches nothing has one row with matched_kind empty. Resolved when read, so records loaded after the finding link too.';
COMMENT ON COLUMN panel_finding_links.finding_uid IS 'The finding (panel_findings.finding_uid).';
COMMENT ON COLUMN panel_finding_links.finding_classification IS 'Classification of the finding.';
COMMENT ON COLUMN panel_finding_links.reference_kind IS 'state, entity, event or serial.';
COMMENT ON COLUMN panel_finding_links.position IS 'Position of the entry in its list.';
COMMENT ON COLUMN panel_finding_links.reference IS 'The entry as written in the finding.';
COMMENT ON COLUMN panel_finding_links.matched_kind IS 'country, seizure_event, seizure_item or sanctioned_party; empty when nothing matches.';
COMMENT ON COLUMN panel_finding_links.matched_id IS 'country_iso3, event_uid, item_line_uid or reference_number of the match.';
COMMENT ON COLUMN panel_finding_links.matched_classification IS 'Classification of the matched record (countries and listed parties are public; an item line, shown with its event, the more sensitive of the two): a viewer sees the link only when cleared for both.';
