-- Exemption notifications and approval requests filed with sanctions committees.
CREATE TABLE exemptions (
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
    load_id VARCHAR NOT NULL,
    file_name VARCHAR NOT NULL,
    source_row_number BIGINT NOT NULL
);
COMMENT ON TABLE exemptions IS 'Exemption notifications and approval requests on file with a sanctions committee, with their decisions; the screening looks here for a matching notification.';
COMMENT ON COLUMN exemptions.notification_id IS 'Identifier of the notification or request.';
COMMENT ON COLUMN exemptions.embargo_id IS 'Embargo the notification was made under (embargoes.embargo_id).';
COMMENT ON COLUMN exemptions.submitting_state IS 'State that submitted it, as written.';
COMMENT ON COLUMN exemptions.submitting_state_iso3 IS 'Code of the submitting state.';
COMMENT ON COLUMN exemptions.recipient IS 'Recipient named in the notification.';
COMMENT ON COLUMN exemptions.recipient_iso3 IS 'Country of the recipient.';
COMMENT ON COLUMN exemptions.date_submitted IS 'Date the notification or request was submitted.';
COMMENT ON COLUMN exemptions.procedure IS 'Vocabulary exemption_procedure (table vocabularies).';
COMMENT ON COLUMN exemptions.decision IS 'The committee''s answer: vocabulary exemption_decision (table vocabularies).';
COMMENT ON COLUMN exemptions.decision_date IS 'Date of the committee decision.';
COMMENT ON COLUMN exemptions.category IS 'Category of the items (UN Register category, SALW or other).';
COMMENT ON COLUMN exemptions.quantity IS 'Number of items notified.';
COMMENT ON COLUMN exemptions.items_description IS 'Items as described in the notification.';
COMMENT ON COLUMN exemptions.reference IS 'Committee reference of the notification.';
COMMENT ON COLUMN exemptions.classification IS 'public, restricted, confidential or strictly_confidential.';
COMMENT ON COLUMN exemptions.load_id IS 'Load batch (load_log.load_id).';
COMMENT ON COLUMN exemptions.file_name IS 'File the row came from.';
COMMENT ON COLUMN exemptions.source_row_number IS 'Line in that file (header = line 1).';
