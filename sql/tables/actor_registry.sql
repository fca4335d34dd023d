-- The actor registry as the warehouse took it: names users added or corrected (embargo actors), merged into country_aliases.
CREATE TABLE actor_registry (
    name VARCHAR NOT NULL,
    name_normalized VARCHAR NOT NULL,
    country_iso3 VARCHAR,
    actor_type VARCHAR NOT NULL,
    actor_name VARCHAR,
    note VARCHAR,
    added_by VARCHAR NOT NULL,
    added_at TIMESTAMP NOT NULL,
    changed_by VARCHAR NOT NULL,
    changed_at TIMESTAMP NOT NULL,
    replaced_alias VARCHAR,
    replaced_country_iso3 VARCHAR,
    replaced_actor_type VARCHAR,
    replaced_note VARCHAR,
    replaced_load_id VARCHAR,
    load_id VARCHAR NOT NULL
);
COMMENT ON TABLE actor_registry IS 'Names of countries, armed groups, organisations and other parties that users added or corrected with `embargo actors` (kept in the access store beside the warehouse or in the catalog''s database, so they survive rebuilds), as merged into country_aliases at the last build or change: each entry is a row of country_aliases; one that corrects a committed alias keeps the committed mapping here.';
COMMENT ON COLUMN actor_registry.name IS 'The name as a source spells it.';
COMMENT ON COLUMN actor_registry.name_normalized IS 'Lookup key (country_aliases.alias_normalized): lower case, trimmed, inner white space collapsed.';
COMMENT ON COLUMN actor_registry.country_iso3 IS 'Country the name stands for or, for a non-state actor, operates in; empty for organisations and unidentified parties.';
COMMENT ON COLUMN actor_registry.actor_type IS 'state, historical, non_state, organisation or unknown (as country_aliases).';
COMMENT ON COLUMN actor_registry.actor_name IS 'The actor the name stands for, where several spellings name one (an armed group''s usual name); empty otherwise.';
COMMENT ON COLUMN actor_registry.note IS 'Why the mapping was chosen, as its author wrote it.';
COMMENT ON COLUMN actor_registry.added_by IS 'Who added the entry (a dashboard account, or cli: and the operator''s login).';
COMMENT ON COLUMN actor_registry.added_at IS 'When it was added (UTC).';
COMMENT ON COLUMN actor_registry.changed_by IS 'Who changed it last.';
COMMENT ON COLUMN actor_registry.changed_at IS 'When it was changed last (UTC); the audit trail has every change with what was there before.';
COMMENT ON COLUMN actor_registry.replaced_alias IS 'The committed alias the entry corrects (data/reference/country_aliases.csv), as spelt there; empty when the name was not committed.';
COMMENT ON COLUMN actor_registry.replaced_country_iso3 IS 'The corrected committed alias''s country code.';
COMMENT ON COLUMN actor_registry.replaced_actor_type IS 'The corrected committed alias''s actor type.';
COMMENT ON COLUMN actor_registry.replaced_note IS 'The corrected committed alias''s note.';
COMMENT ON COLUMN actor_registry.replaced_load_id IS 'The load of the corrected committed alias (it applies again when the entry is removed).';
COMMENT ON COLUMN actor_registry.load_id IS 'The merge that brought the entry in (load_log.load_id, format registry).';
