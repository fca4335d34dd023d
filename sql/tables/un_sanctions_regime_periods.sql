-- Each sanctions regime over time: its committee's name, its UN_LIST_TYPE and the arms embargo its listed parties fell under, period by period.
CREATE TABLE un_sanctions_regime_periods (
    regime_id VARCHAR NOT NULL,
    valid_from DATE NOT NULL,
    valid_to DATE,
    committee_name VARCHAR,
    un_list_type VARCHAR,
    embargo_id VARCHAR,
    note VARCHAR,
    load_id VARCHAR NOT NULL
);
COMMENT ON TABLE un_sanctions_regime_periods IS 'The periods of each regime in un_sanctions_regimes: from valid_from until the day before valid_to, the committee had this name, the Consolidated List wrote this UN_LIST_TYPE and the regime''s parties fell under this arms embargo (or none). A regime with two embargoes at once has a row for each. Committed reference table data/reference/un_sanctions_regime_periods.csv.';
COMMENT ON COLUMN un_sanctions_regime_periods.regime_id IS 'The regime (un_sanctions_regimes.regime_id).';
COMMENT ON COLUMN un_sanctions_regime_periods.valid_from IS 'First day of the period.';
COMMENT ON COLUMN un_sanctions_regime_periods.valid_to IS 'Day after the last day of the period; empty while it lasts.';
COMMENT ON COLUMN un_sanctions_regime_periods.committee_name IS 'The committee''s name in the period, as the Council named it; empty when there was no committee (before its establishment, or a list kept by the Council itself).';
COMMENT ON COLUMN un_sanctions_regime_periods.un_list_type IS 'The regime''s code in UN_LIST_TYPE of the Consolidated List XML in the period (un_list_types); empty when no such list carried the regime''s parties.';
COMMENT ON COLUMN un_sanctions_regime_periods.embargo_id IS 'An arms embargo episode (embargoes.embargo_id) of the regime in the period, one row each; empty when the regime had none then. The one its listed parties fall under today is un_list_types.embargo_id.';
COMMENT ON COLUMN un_sanctions_regime_periods.note IS 'What changed at the start of the period, where it needs saying.';
COMMENT ON COLUMN un_sanctions_regime_periods.load_id IS 'Load batch (load_log.load_id).';
