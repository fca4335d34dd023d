-- Exemption notifications and approval requests filed with sanctions committees.
CREATE TABLE exemption_versions (
    notification_id VARCHAR NOT NULL,
    embargo_id VARCHAR NOT NULL,
    submitting_state VARCHAR,
    submitting_state_iso3 VARCHAR,
    recipient VARCHAR,
    recipient_iso3 VARCHAR,
    date_submitted DATE,
    procedure VARCHAR NOT NULL,
    decision VARCHAR NOT NULL,
    decision_date DATE,
    category VARCHAR,
    quantity DOUBLE,
    items_description VARCHAR,
    reference VARCHAR,
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
COMMENT ON TABLE exemption_versions IS 'Exemption notifications and approval requests on file with a sanctions committee, with their decisions; the screening looks here for a matching notification. Every version of each notification: a later file that revises one adds a version and marks the earlier superseded; the view exemptions shows the current versions (or those known on a date).';
COMMENT ON COLUMN exemption_versions.notification_id IS 'Identifier of the notification or request.';
COMMENT ON COLUMN exemption_versions.embargo_id IS 'Embargo the notification was made under (embargoes.embargo_id).';
COMMENT ON COLUMN exemption_versions.submitting_state IS 'State that submitted it, as written.';
COMMENT ON COLUMN exemption_versions.submitting_state_iso3 IS 'Code of the submitting state.';
COMMENT ON COLUMN exemption_versions.recipient IS 'Recipient named in the notification.';
COMMENT ON COLUMN exemption_versions.recipient_iso3 IS 'Country of the recipient.';
COMMENT ON COLUMN exemption_versions.date_submitted IS 'Date the notification or request was submitted.';
COMMENT ON COLUMN exemption_versions.procedure IS 'Vocabulary exemption_procedure (table vocabularies).';
COMMENT ON COLUMN exemption_versions.decision IS 'The committee''s answer: vocabulary exemption_decision (table vocabularies).';
COMMENT ON COLUMN exemption_versions.decision_date IS 'Date of the committee decision.';
COMMENT ON COLUMN exemption_versions.category IS 'Category of the items (UN Register category, SALW or other).';
COMMENT ON COLUMN exemption_versions.quantity IS 'Number of items notified.';
COMMENT ON COLUMN exemption_versions.items_description IS 'Items as described in the notification.';
COMMENT ON COLUMN exemption_versions.reference IS 'Committee reference of the notification.';
COMMENT ON COLUMN exemption_versions.classification IS 'public, restricted, confidential or strictly_confidential.';
COMMENT ON COLUMN exemption_versions.as_of IS 'Date the notification version stands on: the file''s as_of, else the latest date the row gives.';
COMMENT ON COLUMN exemption_versions.correction IS 'Why this version corrects the one before it (the file''s correction column); empty otherwise.';
COMMENT ON COLUMN exemption_versions.version IS '1 for the first version of the notification, then 2, 3, ... for each later one.';
COMMENT ON COLUMN exemption_versions.recorded_at IS 'When the version entered the warehouse (UTC): "as known on" a date compares it.';
COMMENT ON COLUMN exemption_versions.superseded_at IS 'When a later version replaced it (UTC); empty for the current version.';
COMMENT ON COLUMN exemption_versions.superseded_by_load_id IS 'The load that brought the later version (load_log.load_id); empty for the current version.';
COMMENT ON COLUMN exemption_versions.load_id IS 'Load batch (load_log.load_id).';
COMMENT ON COLUMN exemption_versions.file_name IS 'File the row came from.';
COMMENT ON COLUMN exemption_versions.source_row_number IS 'Line in that file (header = line 1).';
