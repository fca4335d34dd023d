-- Every UN Security Council sanctions regime since 1966, terminated ones included, with whether it carries an arms embargo.
CREATE TABLE un_sanctions_regimes (
    regime_id VARCHAR NOT NULL,
    regime_name VARCHAR NOT NULL,
    measures_imposed_by VARCHAR NOT NULL,
    committee_established_by VARCHAR,
    start_date DATE NOT NULL,
    end_date DATE,
    ended_by VARCHAR,
    status VARCHAR NOT NULL,
    reference_prefix VARCHAR,
    arms_embargo VARCHAR NOT NULL,
    confidence VARCHAR NOT NULL,
    note VARCHAR,
    load_id VARCHAR NOT NULL
);
COMMENT ON TABLE un_sanctions_regimes IS 'Every sanctions regime of the UN Security Council since 1966 (one row per regime, terminated ones included): the resolution that created it, its committee, its dates, and whether it carries an arms embargo; its committees, list types and embargoes over time are in un_sanctions_regime_periods. Committed reference table data/reference/un_sanctions_regimes.csv.';
COMMENT ON COLUMN un_sanctions_regimes.regime_id IS 'The project''s identifier: un-, the year the regime began and its subject (un-1992-somalia).';
COMMENT ON COLUMN un_sanctions_regimes.regime_name IS 'Plain name of the regime, with its committee.';
COMMENT ON COLUMN un_sanctions_regimes.measures_imposed_by IS 'Resolution that imposed the regime''s first measures, by symbol.';
COMMENT ON COLUMN un_sanctions_regimes.committee_established_by IS 'Resolution(s) that established its sanctions committee; empty when the Council kept the list itself.';
COMMENT ON COLUMN un_sanctions_regimes.start_date IS 'Date the first measures were adopted.';
COMMENT ON COLUMN un_sanctions_regimes.end_date IS 'Date the regime ended; empty while in force.';
COMMENT ON COLUMN un_sanctions_regimes.ended_by IS 'Resolution or event that ended it (a resolution by symbol, an expiry, a renewal vetoed).';
COMMENT ON COLUMN un_sanctions_regimes.status IS 'in force or terminated.';
COMMENT ON COLUMN un_sanctions_regimes.reference_prefix IS 'The two letters its parties'' reference numbers start with on the Consolidated List (QD for QDi.001); empty when it listed nobody on that list.';
COMMENT ON COLUMN un_sanctions_regimes.arms_embargo IS 'yes when the regime carried an arms embargo at some time (un_sanctions_regime_periods says when and which), none when never.';
COMMENT ON COLUMN un_sanctions_regimes.confidence IS 'verified or partly_verified (the note says what was not read in the text).';
COMMENT ON COLUMN un_sanctions_regimes.note IS 'Changes of name, committee and embargo over the regime''s life, and what was not verified.';
COMMENT ON COLUMN un_sanctions_regimes.load_id IS 'Load batch (load_log.load_id).';
