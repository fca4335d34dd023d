-- Decisions of States' brokering controls on brokering licences (format brokering), every version.
CREATE TABLE brokering_record_versions (
    licence_id VARCHAR NOT NULL,
    reporting_state VARCHAR NOT NULL,
    reporting_state_iso3 VARCHAR NOT NULL,
    decision VARCHAR NOT NULL,
    decision_date DATE NOT NULL,
    broker_name VARCHAR NOT NULL,
    broker_country_iso3 VARCHAR,
    source_country_iso3 VARCHAR,
    destination_country_iso3 VARCHAR NOT NULL,
    end_user VARCHAR,
    end_user_iso3 VARCHAR,
    end_user_actor_type VARCHAR,
    actor_rule VARCHAR,
    category VARCHAR,
    description VARCHAR,
    quantity DOUBLE,
    value DOUBLE,
    currency VARCHAR,
    source_document VARCHAR,
    classification VARCHAR NOT NULL,
    as_of DATE NOT NULL,
    correction VARCHAR,
    version INTEGER NOT NULL,
    recorded_at TIMESTAMP NOT NULL,
    superseded_at TIMESTAMP,
    superseded_by_load_id VARCHAR,
    load_id VARCHAR NOT NULL,
    file_name VARCHAR NOT NULL,
    source_row_number BIGINT NOT NULL
);
COMMENT ON TABLE brokering_record_versions IS 'What States'' brokering controls record: one row per decision (issued, refused, revoked) on a brokering licence, with the broker, where the items come from and go, the end user, category and value. Every version of each decision: a later file that revises one adds a version and marks the earlier superseded; the view brokering_records shows the current versions (or those known on a date).';
COMMENT ON COLUMN brokering_record_versions.licence_id IS 'Identifier of the licence (or application) within the reporting State.';
COMMENT ON COLUMN brokering_record_versions.reporting_state IS 'State whose brokering control recorded the decision, as written.';
COMMENT ON COLUMN brokering_record_versions.reporting_state_iso3 IS 'Code of the reporting State.';
COMMENT ON COLUMN brokering_record_versions.decision IS 'issued, refused or revoked: vocabulary brokering_decision (table vocabularies).';
COMMENT ON COLUMN brokering_record_versions.decision_date IS 'Date of the decision.';
COMMENT ON COLUMN brokering_record_versions.broker_name IS 'The broker, as written: an actor of kind broker in the actor registry (country_aliases).';
COMMENT ON COLUMN brokering_record_versions.broker_country_iso3 IS 'Country the broker is based in: the row''s, else the registry''s; empty when neither gives one.';
COMMENT ON COLUMN brokering_record_versions.source_country_iso3 IS 'Country the items come from (the supplier); empty when not recorded.';
COMMENT ON COLUMN brokering_record_versions.destination_country_iso3 IS 'Country the items go to (the recipient).';
COMMENT ON COLUMN brokering_record_versions.end_user IS 'End user named in the record, as written; empty when none is named.';
COMMENT ON COLUMN brokering_record_versions.end_user_iso3 IS 'Country of the end user (for a non-state actor, where it operates), from the alias table or the actor registry.';
COMMENT ON COLUMN brokering_record_versions.end_user_actor_type IS 'Kind of end user: state, historical, non_state, organisation, broker or unknown (as country_aliases).';
COMMENT ON COLUMN brokering_record_versions.actor_rule IS 'The rule that recognised the end user from the form of its name when neither the alias table nor the actor registry knew it (sipri_bracket: `Name (Country)*`); empty otherwise. Such end users are listed in rule_resolved_actors, to be confirmed.';
COMMENT ON COLUMN brokering_record_versions.category IS 'Category of the items: UN Register category I to VII, SALW or other.';
COMMENT ON COLUMN brokering_record_versions.description IS 'Items as the record describes them.';
COMMENT ON COLUMN brokering_record_versions.quantity IS 'Number of items.';
COMMENT ON COLUMN brokering_record_versions.value IS 'Value of the brokered deal, in currency.';
COMMENT ON COLUMN brokering_record_versions.currency IS 'ISO 4217 code of the value.';
COMMENT ON COLUMN brokering_record_versions.source_document IS 'Document the record comes from (a national report, its symbol or page).';
COMMENT ON COLUMN brokering_record_versions.classification IS 'public, restricted, confidential or strictly_confidential.';
COMMENT ON COLUMN brokering_record_versions.as_of IS 'Date the version stands on: the file''s as_of, else the decision date.';
COMMENT ON COLUMN brokering_record_versions.correction IS 'Why this version corrects the one before it (the file''s correction column); empty otherwise.';
COMMENT ON COLUMN brokering_record_versions.version IS '1 for the first version of the decision, then 2, 3, ... for each later one.';
COMMENT ON COLUMN brokering_record_versions.recorded_at IS 'When the version entered the warehouse (UTC): "as known on" a date compares it.';
COMMENT ON COLUMN brokering_record_versions.superseded_at IS 'When a later version replaced it (UTC); empty for the current version.';
COMMENT ON COLUMN brokering_record_versions.superseded_by_load_id IS 'The load that brought the later version (load_log.load_id); empty for the current version.';
COMMENT ON COLUMN brokering_record_versions.load_id IS 'Load batch (load_log.load_id).';
COMMENT ON COLUMN brokering_record_versions.file_name IS 'File the row came from.';
COMMENT ON COLUMN brokering_record_versions.source_row_number IS 'Line in that file (header = line 1).';
