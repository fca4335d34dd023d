-- Resolutions recorded after the reference table's release (embargo embargoes change add, or the
-- Embargo changes page), as the warehouse took them at the last build or record: each is also a
-- row of embargo_changes.
CREATE TABLE embargo_change_records (
    record_id VARCHAR NOT NULL,
    embargo_id VARCHAR NOT NULL,
    change_kind VARCHAR NOT NULL,
    resolution VARCHAR NOT NULL,
    adopted_on DATE NOT NULL,
    runs_to DATE,
    summary VARCHAR NOT NULL,
    recorded_by VARCHAR NOT NULL,
    recorded_at TIMESTAMP NOT NULL,
    load_id VARCHAR NOT NULL,
    summary_fr VARCHAR
);
COMMENT ON TABLE embargo_change_records IS 'Resolutions renewing, changing or terminating an embargo recorded by an administrator after the reference table''s release (kept in the access store beside the warehouse or in the catalog''s database, so they survive rebuilds and reach every machine), as merged into embargo_changes at the last build or record.';
COMMENT ON COLUMN embargo_change_records.record_id IS 'Id of the record in the access store (R0001, ...).';
COMMENT ON COLUMN embargo_change_records.embargo_id IS 'The embargo the resolution acts on (embargoes.embargo_id).';
COMMENT ON COLUMN embargo_change_records.change_kind IS 'renewal, change or termination.';
COMMENT ON COLUMN embargo_change_records.resolution IS 'The resolution, by symbol (S/RES/2800 (2026)).';
COMMENT ON COLUMN embargo_change_records.adopted_on IS 'Date the resolution was adopted.';
COMMENT ON COLUMN embargo_change_records.runs_to IS 'For a renewal: the date the measures now run to.';
COMMENT ON COLUMN embargo_change_records.summary IS 'What the resolution does, as the administrator wrote it.';
COMMENT ON COLUMN embargo_change_records.recorded_by IS 'Who recorded it (a dashboard account, or cli: and the operator''s login).';
COMMENT ON COLUMN embargo_change_records.recorded_at IS 'When it was recorded (UTC); the audit trail has the record too.';
COMMENT ON COLUMN embargo_change_records.load_id IS 'Load batch of the merge (load_log.load_id).';
COMMENT ON COLUMN embargo_change_records.summary_fr IS 'What the resolution does, in French, as the administrator wrote it; empty when only the English was written.';
