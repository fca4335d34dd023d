-- Registered arms transfers from every register, one row per deal (or report line) and delivery year.
CREATE TABLE transfers (
    transfer_id VARCHAR NOT NULL,
    source_id VARCHAR NOT NULL,
    source_record_id VARCHAR NOT NULL,
    reporting_state_iso3 VARCHAR,
    flow VARCHAR,
    supplier_name VARCHAR,
    supplier_iso3 VARCHAR,
    supplier_actor_type VARCHAR,
    recipient_name VARCHAR,
    recipient_iso3 VARCHAR,
    recipient_actor_type VARCHAR,
    actor_rule VARCHAR,
    category VARCHAR NOT NULL,
    category_as_reported VARCHAR,
    designation VARCHAR,
    description VARCHAR,
    order_year INTEGER,
    order_year_is_estimate BOOLEAN,
    delivery_year INTEGER,
    delivery_year_is_estimate BOOLEAN,
    quantity DOUBLE,
    quantity_is_estimate BOOLEAN,
    value DOUBLE,
    value_unit VARCHAR,
    value_is_estimate BOOLEAN,
    status VARCHAR,
    is_nil_report BOOLEAN NOT NULL,
    comments VARCHAR,
    classification VARCHAR NOT NULL,
    load_id VARCHAR NOT NULL,
    file_name VARCHAR NOT NULL,
    source_row_number BIGINT NOT NULL
);
COMMENT ON TABLE transfers IS 'Registered arms transfers across sources (SIPRI trade register, UN Register, ATT reports): one row per deal or report line and delivery year, with names mapped through country_aliases and provenance back to file and row.';
COMMENT ON COLUMN transfers.transfer_id IS 'Unique id: source_id, source_record_id and delivery year.';
COMMENT ON COLUMN transfers.source_id IS 'Source of the record (source_registry.source_id).';
COMMENT ON COLUMN transfers.source_record_id IS 'Id of the deal or report line in its source (SIPRI deal id, or a stable key built from the record).';
COMMENT ON COLUMN transfers.reporting_state_iso3 IS 'State that reported the line (UN Register, ATT); empty for SIPRI.';
COMMENT ON COLUMN transfers.flow IS 'export or import, as reported (UN Register, ATT); empty for SIPRI.';
COMMENT ON COLUMN transfers.supplier_name IS 'Supplier as the source names it.';
COMMENT ON COLUMN transfers.supplier_iso3 IS 'Supplier country code (through country_aliases).';
COMMENT ON COLUMN transfers.supplier_actor_type IS 'state, non_state, organisation, historical or unknown.';
COMMENT ON COLUMN transfers.recipient_name IS 'Recipient as the source names it (SIPRI marks non-state actors with *).';
COMMENT ON COLUMN transfers.recipient_iso3 IS 'Recipient country code: the country of a state, or where a non-state actor operates.';
COMMENT ON COLUMN transfers.recipient_actor_type IS 'state, non_state, organisation, historical or unknown.';
COMMENT ON COLUMN transfers.actor_rule IS 'The rule that recognised the supplier or recipient from the form of its name when neither the alias table nor the actor registry knew it (sipri_bracket: SIPRI''s `Name (Country)*`); empty when both names were known. The actors first seen this way are in rule_resolved_actors, to be confirmed or corrected.';
COMMENT ON COLUMN transfers.category IS 'Category harmonised to the UN Register: I to VII, SALW or other.';
COMMENT ON COLUMN transfers.category_as_reported IS 'Category or armament class as the source gives it.';
COMMENT ON COLUMN transfers.designation IS 'Weapon designation (e.g. T-72M1).';
COMMENT ON COLUMN transfers.description IS 'Weapon description (e.g. tank).';
COMMENT ON COLUMN transfers.order_year IS 'Year of order or authorisation.';
COMMENT ON COLUMN transfers.order_year_is_estimate IS 'True when the source marks the order year as uncertain.';
COMMENT ON COLUMN transfers.delivery_year IS 'Year of delivery; empty for a deal with no delivery yet.';
COMMENT ON COLUMN transfers.delivery_year_is_estimate IS 'True when the source marks the delivery year as uncertain.';
COMMENT ON COLUMN transfers.quantity IS 'Number of items delivered in the delivery year (or ordered, for a deal with no delivery yet).';
COMMENT ON COLUMN transfers.quantity_is_estimate IS 'True when the source marks the number as uncertain or the number was spread over years.';
COMMENT ON COLUMN transfers.value IS 'Value of the delivery in value_unit.';
COMMENT ON COLUMN transfers.value_unit IS 'TIV (SIPRI trend-indicator value, millions), USD, or another ISO 4217 currency code.';
COMMENT ON COLUMN transfers.value_is_estimate IS 'True when the value is estimated or spread over years.';
COMMENT ON COLUMN transfers.status IS 'Deal status as the source gives it (SIPRI: New, Second hand, ...).';
COMMENT ON COLUMN transfers.is_nil_report IS 'True for a nil report: the state reported no transfers in the category.';
COMMENT ON COLUMN transfers.comments IS 'Comments of the source.';
COMMENT ON COLUMN transfers.classification IS 'public, restricted, confidential or strictly_confidential.';
COMMENT ON COLUMN transfers.load_id IS 'Load batch (load_log.load_id).';
COMMENT ON COLUMN transfers.file_name IS 'File the row came from.';
COMMENT ON COLUMN transfers.source_row_number IS 'Line in that file where the record starts (header = line 1 of the table part).';
