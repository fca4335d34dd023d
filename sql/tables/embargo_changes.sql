-- Dated changes to each embargo: imposition, entry into force, exemptions, partial lifting, end.
CREATE TABLE embargo_changes (
    embargo_id VARCHAR NOT NULL,
    change_seq INTEGER NOT NULL,
    resolution VARCHAR,
    change_date VARCHAR,
    date_precision VARCHAR NOT NULL,
    change_kind VARCHAR NOT NULL,
    change VARCHAR NOT NULL,
    load_id VARCHAR NOT NULL,
    change_fr VARCHAR
);
COMMENT ON TABLE embargo_changes IS 'Every dated change to an embargo with the resolution that made it: imposition, entry into force, scope and exemption changes, suspension, renewal, monitoring bodies, end.';
COMMENT ON COLUMN embargo_changes.embargo_id IS 'Embargo changed (embargoes.embargo_id).';
COMMENT ON COLUMN embargo_changes.change_seq IS 'Order of the change within its embargo.';
COMMENT ON COLUMN embargo_changes.resolution IS 'Resolution(s) or statement making the change, by symbol; empty when no resolution applies or its number was not seen.';
COMMENT ON COLUMN embargo_changes.change_date IS 'Date as precise as verified: YYYY-MM-DD, YYYY-MM or YYYY (see date_precision).';
COMMENT ON COLUMN embargo_changes.date_precision IS 'day, month or year.';
COMMENT ON COLUMN embargo_changes.change_kind IS 'imposed, entry_into_force, scope_change, exemption_change, suspension, reinstatement, renewal, monitoring, ending, ended or other.';
COMMENT ON COLUMN embargo_changes.change IS 'What changed, in plain words.';
COMMENT ON COLUMN embargo_changes.load_id IS 'Load batch (load_log.load_id).';
COMMENT ON COLUMN embargo_changes.change_fr IS 'What changed, in French (shown to French readers); empty when only the English exists.';
