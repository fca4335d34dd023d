-- What each transfer register covers, by the format its files are loaded with: the first year it
-- covers and whether its lines are reports that States file (UN Register, ATT: a State that
-- filed nothing has not reported zero) or a compilation (SIPRI: a year with no record means no
-- known delivery).
CREATE TABLE register_coverage (
    file_format VARCHAR NOT NULL,
    first_year INTEGER NOT NULL,
    reported_by_states BOOLEAN NOT NULL,
    coverage_note VARCHAR NOT NULL,
    load_id VARCHAR NOT NULL
);
COMMENT ON TABLE register_coverage IS 'The years each transfer register covers and whether States report to it (data/reference/register_coverage.csv): a year before the first is not covered, never zero.';
COMMENT ON COLUMN register_coverage.file_format IS 'The input format of the register (load_log.file_format): sipri, unroca, att.';
COMMENT ON COLUMN register_coverage.first_year IS 'First calendar year the register covers.';
COMMENT ON COLUMN register_coverage.reported_by_states IS 'True when its lines are national reports: a State that filed nothing for a year did not report (not zero).';
COMMENT ON COLUMN register_coverage.coverage_note IS 'What the register covers and why it starts when it does.';
COMMENT ON COLUMN register_coverage.load_id IS 'Load batch (load_log.load_id).';
