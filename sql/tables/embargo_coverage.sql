-- Who and what each embargo covered over time: partial liftings and exemptions as dated periods.
CREATE TABLE embargo_coverage (
    embargo_id VARCHAR NOT NULL,
    direction VARCHAR NOT NULL,
    actor_scope VARCHAR NOT NULL,
    valid_from DATE NOT NULL,
    valid_to DATE,
    coverage VARCHAR NOT NULL,
    item_scope VARCHAR NOT NULL,
    citation VARCHAR NOT NULL,
    note VARCHAR,
    load_id VARCHAR NOT NULL
);
COMMENT ON TABLE embargo_coverage IS 'What each embargo required, for whom, from when to when: one row per embargo, direction, kind of actor and period. Partial liftings and exemption procedures are changes of coverage.';
COMMENT ON COLUMN embargo_coverage.embargo_id IS 'Embargo (embargoes.embargo_id).';
COMMENT ON COLUMN embargo_coverage.direction IS 'to_target: supplies to the target; from_target: supplies by the target (export bans).';
COMMENT ON COLUMN embargo_coverage.actor_scope IS 'government (the state and its forces), non_state (non-state actors in the territory) or listed (designated individuals and entities).';
COMMENT ON COLUMN embargo_coverage.valid_from IS 'First day the coverage applied.';
COMMENT ON COLUMN embargo_coverage.valid_to IS 'First day it no longer applied; empty while it applies.';
COMMENT ON COLUMN embargo_coverage.coverage IS 'prohibited; approval (prior approval needed); notification (prior notification needed); exempt_if (exempt under a condition, no procedure); suspended; not_covered.';
COMMENT ON COLUMN embargo_coverage.item_scope IS 'Items covered in that period.';
COMMENT ON COLUMN embargo_coverage.citation IS 'Resolution(s) that set this coverage, by symbol.';
COMMENT ON COLUMN embargo_coverage.note IS 'Conditions, carve-outs and caveats.';
COMMENT ON COLUMN embargo_coverage.load_id IS 'Load batch (load_log.load_id).';
