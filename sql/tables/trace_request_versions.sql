-- Tracing requests sent about documented items (format traces): one row per request.
CREATE TABLE trace_request_versions (
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
COMMENT ON TABLE trace_request_versions IS 'Tracing requests about seized or recovered items sent to states or manufacturers, with their answers: one row per request of a requesting entity. Every version of each request: a later file that revises one adds a version and marks the earlier superseded; the view trace_requests shows the current versions (or those known on a date).';
COMMENT ON COLUMN trace_request_versions.trace_id IS 'Identifier of the request, unique within the requesting entity.';
COMMENT ON COLUMN trace_request_versions.event_id IS 'Seizure event of the traced item, as the file gives it.';
COMMENT ON COLUMN trace_request_versions.event_uid IS 'The seizure event (seizure_events.event_uid) when exactly one event at or below the request''s classification has that event_id (or, when none does, exactly one event of any level); empty otherwise. Kept up to date on every seizure or trace load.';
COMMENT ON COLUMN trace_request_versions.serial_number IS 'Serial number of the traced item, as marked.';
COMMENT ON COLUMN trace_request_versions.serial_normalized IS 'Serial number in upper case without spaces, dashes, slashes or dots (matches seizure_items.serial_normalized).';
COMMENT ON COLUMN trace_request_versions.requesting_entity IS 'Who sent the request: a panel of experts, a mission JMAC, a national authority.';
COMMENT ON COLUMN trace_request_versions.addressed_to IS 'State or manufacturer the request was sent to, as written.';
COMMENT ON COLUMN trace_request_versions.addressed_to_iso3 IS 'Country code when addressed_to is a country code or a known country name; empty for a manufacturer.';
COMMENT ON COLUMN trace_request_versions.date_sent IS 'Date the request was sent.';
COMMENT ON COLUMN trace_request_versions.date_response IS 'Date of the answer; empty while none came.';
COMMENT ON COLUMN trace_request_versions.status IS 'Where the request stands: vocabulary trace_status (table vocabularies).';
COMMENT ON COLUMN trace_request_versions.last_legal_recipient_iso3 IS 'Country of the last legal recipient the answer names (ISO 3166-1 alpha-3; former countries allowed).';
COMMENT ON COLUMN trace_request_versions.last_legal_recipient_entity IS 'Last legal recipient named in the answer (unit, company, ministry), as written.';
COMMENT ON COLUMN trace_request_versions.transfer_year IS 'Year of the transfer to the last legal recipient.';
COMMENT ON COLUMN trace_request_versions.diversion_point IS 'Where or how the item left legal custody, as established.';
COMMENT ON COLUMN trace_request_versions.transfer_ref IS 'Reference of the transfer: a SIPRI deal id or a register line.';
COMMENT ON COLUMN trace_request_versions.notes IS 'Notes on the request.';
COMMENT ON COLUMN trace_request_versions.classification IS 'public, restricted (the default), confidential or strictly_confidential.';
COMMENT ON COLUMN trace_request_versions.as_of IS 'Date the request version stands on: the file''s as_of, else the latest date the row gives.';
COMMENT ON COLUMN trace_request_versions.correction IS 'Why this version corrects the one before it (the file''s correction column); empty otherwise.';
COMMENT ON COLUMN trace_request_versions.version IS '1 for the first version of the request, then 2, 3, ... for each later one.';
COMMENT ON COLUMN trace_request_versions.recorded_at IS 'When the version entered the warehouse (UTC): "as known on" a date compares it.';
COMMENT ON COLUMN trace_request_versions.superseded_at IS 'When a later version replaced it (UTC); empty for the current version.';
COMMENT ON COLUMN trace_request_versions.superseded_by_load_id IS 'The load that brought the later version (load_log.load_id); empty for the current version.';
COMMENT ON COLUMN trace_request_versions.load_id IS 'Load batch (load_log.load_id).';
COMMENT ON COLUMN trace_request_versions.file_name IS 'File the request came from.';
COMMENT ON COLUMN trace_request_versions.source_row_number IS 'CSV line where the record starts, or spreadsheet row; the header is 1.';
