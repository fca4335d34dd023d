-- Regimes of the UN Security Council Consolidated List (UN_LIST_TYPE) and the arms embargo each falls under.
CREATE TABLE un_list_types (
    un_list_type VARCHAR NOT NULL,
    regime_name VARCHAR NOT NULL,
    regime_name_fr VARCHAR,
    committee VARCHAR NOT NULL,
    embargo_id VARCHAR,
    regime_id VARCHAR NOT NULL,
    seen_in_list_of DATE,
    note VARCHAR,
    load_id VARCHAR NOT NULL
);
COMMENT ON TABLE un_list_types IS 'The regimes named in UN_LIST_TYPE of the UN Security Council Consolidated List, current and terminated, each linked to its regime (un_sanctions_regimes) and to the arms embargo (embargoes.embargo_id) its listed parties fall under; committed reference table data/reference/un_list_types.csv.';
COMMENT ON COLUMN un_list_types.un_list_type IS 'Regime code exactly as the list writes it in UN_LIST_TYPE (Al-Qaida, DPRK, DRC, GB, ...).';
COMMENT ON COLUMN un_list_types.regime_name IS 'Plain name of the sanctions regime.';
COMMENT ON COLUMN un_list_types.regime_name_fr IS 'The regime''s name in French (shown to French readers); empty when only the English exists.';
COMMENT ON COLUMN un_list_types.committee IS 'Resolution(s) establishing the committee that keeps the list, by symbol.';
COMMENT ON COLUMN un_list_types.embargo_id IS 'The arms embargo episode listed parties of the regime fall under in its latest period (embargoes.embargo_id); empty when the regime has no arms embargo (Guinea-Bissau, Mali). Earlier episodes by date: un_sanctions_regime_periods.';
COMMENT ON COLUMN un_list_types.regime_id IS 'The regime (un_sanctions_regimes.regime_id).';
COMMENT ON COLUMN un_list_types.seen_in_list_of IS 'Date of a Consolidated List in which the code was seen; empty when the code of a terminated regime is inferred (the note says so).';
COMMENT ON COLUMN un_list_types.note IS 'Why this episode was chosen, where it is a judgement (episodes replaced since the first listings).';
COMMENT ON COLUMN un_list_types.load_id IS 'Load batch (load_log.load_id).';
