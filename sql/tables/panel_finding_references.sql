-- What each panel finding names: involved States and entities, related seizure events and serials.
CREATE TABLE panel_finding_references (
    finding_uid VARCHAR NOT NULL,
    version INTEGER NOT NULL,
    reference_kind VARCHAR NOT NULL,
    position BIGINT NOT NULL,
    reference VARCHAR NOT NULL,
    reference_normalized VARCHAR NOT NULL,
    country_iso3 VARCHAR,
    load_id VARCHAR NOT NULL
);
COMMENT ON TABLE panel_finding_references IS 'One row per State, entity, seizure event or serial number a panel finding names (the ;-separated lists of the poe-findings format), kept whether or not it matches anything; panel_finding_links resolves them.';
COMMENT ON COLUMN panel_finding_references.finding_uid IS 'The finding (panel_findings.finding_uid).';
COMMENT ON COLUMN panel_finding_references.version IS 'The version of the finding that names it (panel_finding_versions.version).';
COMMENT ON COLUMN panel_finding_references.reference_kind IS 'state (involved_states), entity (involved_entities), event (related_event_ids) or serial (related_serials).';
COMMENT ON COLUMN panel_finding_references.position IS 'Position of the entry in its list (1 = first).';
COMMENT ON COLUMN panel_finding_references.reference IS 'The entry as written.';
COMMENT ON COLUMN panel_finding_references.reference_normalized IS 'Lookup key: serials as serial_normalized (upper case, no spaces or dashes), entities as sanctioned_party_names.name_normalized, events and States as written.';
COMMENT ON COLUMN panel_finding_references.country_iso3 IS 'For a State: its ISO 3166-1 alpha-3 code through country_aliases (historical States allowed); empty when the name is unknown or not a State.';
COMMENT ON COLUMN panel_finding_references.load_id IS 'Load batch (load_log.load_id).';
