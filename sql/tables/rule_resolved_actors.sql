-- Actors that a naming rule recognised when neither the alias table nor the actor registry knew them, as first seen.
CREATE TABLE rule_resolved_actors (
    name VARCHAR NOT NULL,
    name_normalized VARCHAR NOT NULL,
    country_iso3 VARCHAR,
    actor_type VARCHAR NOT NULL,
    actor_rule VARCHAR NOT NULL,
    target_table VARCHAR NOT NULL,
    classification VARCHAR NOT NULL,
    load_id VARCHAR NOT NULL,
    file_name VARCHAR NOT NULL,
    source_row_number BIGINT NOT NULL
);
COMMENT ON TABLE rule_resolved_actors IS 'Every actor that a naming rule recognised from the form of its name (sipri_bracket: SIPRI''s `Name (Country)*`) while neither data/reference/country_aliases.csv nor the actor registry knew it, once, as first seen: someone confirms it (it joins the registry) or corrects it (Sources page, `embargo actors add|set`). Once in the registry the name is resolved by the registry at the next load and build.';
COMMENT ON COLUMN rule_resolved_actors.name IS 'The name as the source spells it.';
COMMENT ON COLUMN rule_resolved_actors.name_normalized IS 'Lookup key (country_aliases.alias_normalized).';
COMMENT ON COLUMN rule_resolved_actors.country_iso3 IS 'The country the rule found (for a non-state actor, where it operates).';
COMMENT ON COLUMN rule_resolved_actors.actor_type IS 'The actor type the rule gives (non_state for sipri_bracket).';
COMMENT ON COLUMN rule_resolved_actors.actor_rule IS 'The rule (ingest/actor_rules.py): sipri_bracket.';
COMMENT ON COLUMN rule_resolved_actors.target_table IS 'The table of the record that first named it (transfers, sipri_tiv_totals, brokering_record_versions).';
COMMENT ON COLUMN rule_resolved_actors.classification IS 'Classification of the record that first named it.';
COMMENT ON COLUMN rule_resolved_actors.load_id IS 'The load that first named it (load_log.load_id).';
COMMENT ON COLUMN rule_resolved_actors.file_name IS 'The file that first named it.';
COMMENT ON COLUMN rule_resolved_actors.source_row_number IS 'The line of that file where the first record naming it starts.';
