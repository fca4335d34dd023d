-- Every spelling of a country, actor or organisation seen in sources, mapped to a code and actor type.
CREATE TABLE country_aliases (
    alias VARCHAR NOT NULL,
    alias_normalized VARCHAR NOT NULL,
    country_iso3 VARCHAR,
    actor_type VARCHAR NOT NULL,
    note VARCHAR,
    load_id VARCHAR NOT NULL
);
COMMENT ON TABLE country_aliases IS 'Spellings used by the sources (SIPRI, UN Register, ATT, ...) mapped to a country code and an actor type. A name that is not here is rejected, never guessed.';
COMMENT ON COLUMN country_aliases.alias IS 'The name exactly as a source spells it (SIPRI marks non-state actors with * and organisations with **).';
COMMENT ON COLUMN country_aliases.alias_normalized IS 'Lookup key: lower case, trimmed, inner white space collapsed to one space.';
COMMENT ON COLUMN country_aliases.country_iso3 IS 'Country the name refers to or operates in; empty for organisations and unknown parties.';
COMMENT ON COLUMN country_aliases.actor_type IS 'state, non_state, organisation, historical or unknown.';
COMMENT ON COLUMN country_aliases.note IS 'Reason for any mapping that needed judgement.';
COMMENT ON COLUMN country_aliases.load_id IS 'Load batch (load_log.load_id).';
