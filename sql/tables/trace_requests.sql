-- Tracing requests sent about documented items (format traces): one row per request.
CREATE TABLE trace_requests (
    trace_id VARCHAR NOT NULL,
    event_id VARCHAR,
    event_uid VARCHAR,
    serial_number VARCHAR,
    serial_normalized VARCHAR,
    requesting_entity VARCHAR NOT NULL,
    addressed_to VARCHAR NOT NULL,
    addressed_to_iso3 VARCHAR,
    date_sent DATE NOT NULL,
    date_response DATE,
    status VARCHAR NOT NULL,
    last_legal_recipient_iso3 VARCHAR,
    last_legal_recipient_entity VARCHAR,
    transfer_year INTEGER,
    diversion_point VARCHAR,
    transfer_ref VARCHAR,
    notes VARCHAR,
    classification VARCHAR NOT NULL,
    load_id VARCHAR NOT NULL,
    file_name VARCHAR NOT NULL,
    source_row_number BIGINT NOT NULL
);
COMMENT ON TABLE trace_requests IS 'Tracing requests about seized or recovered items sent to states or manufacturers, with their answers: one row per request of a requesting entity.';
COMMENT ON COLUMN trace_requests.trace_id IS 'Identifier of the request, unique within the requesting entity.';
COMMENT ON COLUMN trace_requests.event_id IS 'Seizure event of the traced item, as the file gives it.';
COMMENT ON COLUMN trace_requests.event_uid IS 'The seizure event (seizure_events.event_uid) when exactly one event has that event_id; empty when none or several do. Kept up to date on every seizure or trace load.';
COMMENT ON COLUMN trace_requests.serial_number IS 'Serial number of the traced item, as marked.';
COMMENT ON COLUMN trace_requests.serial_normalized IS 'Serial number in upper case without spaces, dashes, slashes or dots (matches seizure_items.serial_normalized).';
COMMENT ON COLUMN trace_requests.requesting_entity IS 'Who sent the request: a panel of experts, a mission JMAC, a national authority.';
COMMENT ON COLUMN trace_requests.addressed_to IS 'State or manufacturer the request was sent to, as written.';
COMMENT ON COLUMN trace_requests.addressed_to_iso3 IS 'Country code when addressed_to is a country code or a known country name; empty for a manufacturer.';
COMMENT ON COLUMN trace_requests.date_sent IS 'Date the request was sent.';
COMMENT ON COLUMN trace_requests.date_response IS 'Date of the answer; empty while none came.';
COMMENT ON COLUMN trace_requests.status IS 'Where the request stands: vocabulary trace_status (table vocabularies).';
COMMENT ON COLUMN trace_requests.last_legal_recipient_iso3 IS 'Country of the last legal recipient the answer names (ISO 3166-1 alpha-3; former countries allowed).';
COMMENT ON COLUMN trace_requests.last_legal_recipient_entity IS 'Last legal recipient named in the answer (unit, company, ministry), as written.';
COMMENT ON COLUMN trace_requests.transfer_year IS 'Year of the transfer to the last legal recipient.';
COMMENT ON COLUMN trace_requests.diversion_point IS 'Where or how the item left legal custody, as established.';
COMMENT ON COLUMN trace_requests.transfer_ref IS 'Reference of the transfer: a SIPRI deal id or a register line.';
COMMENT ON COLUMN trace_requests.notes IS 'Notes on the request.';
COMMENT ON COLUMN trace_requests.classification IS 'public, restricted (the default), confidential or strictly_confidential.';
COMMENT ON COLUMN trace_requests.load_id IS 'Load batch (load_log.load_id).';
COMMENT ON COLUMN trace_requests.file_name IS 'File the request came from.';
COMMENT ON COLUMN trace_requests.source_row_number IS 'CSV line where the record starts, or spreadsheet row; the header is 1.';
