-- UN Security Council arms embargoes: one row per episode and target.
CREATE TABLE embargoes (
    embargo_id VARCHAR NOT NULL,
    episode_id VARCHAR NOT NULL,
    target_name VARCHAR NOT NULL,
    short_name VARCHAR NOT NULL,
    target_iso3 VARCHAR,
    target_kind VARCHAR NOT NULL,
    regime_name VARCHAR NOT NULL,
    imposed_by VARCHAR NOT NULL,
    start_date DATE NOT NULL,
    end_date DATE,
    ended_by VARCHAR,
    status VARCHAR NOT NULL,
    status_as_of DATE NOT NULL,
    status_projected BOOLEAN NOT NULL,
    mandatory BOOLEAN NOT NULL,
    scope VARCHAR NOT NULL,
    exemption_type VARCHAR NOT NULL,
    committee VARCHAR,
    panel VARCHAR NOT NULL,
    supporting_mission VARCHAR NOT NULL,
    confidence VARCHAR NOT NULL,
    notes VARCHAR,
    load_id VARCHAR NOT NULL,
    target_name_fr VARCHAR
);
COMMENT ON TABLE embargoes IS 'UN Security Council arms embargoes, 1963 to 2025: one row per episode and target (the Ethiopia-Eritrea episodes give one row per state). Source: Security Council resolutions, cited by symbol.';
COMMENT ON COLUMN embargoes.embargo_id IS 'Stable identifier, un-<target>-<year imposed>[-<iso3> when an episode has several targets].';
COMMENT ON COLUMN embargoes.episode_id IS 'Episode the row belongs to: a resolution imposing an embargo on a target.';
COMMENT ON COLUMN embargoes.target_name IS 'Target as the resolutions describe it; later changes of scope in brackets.';
COMMENT ON COLUMN embargoes.short_name IS 'Short label for charts and lists, e.g. Libya or CAR: armed groups.';
COMMENT ON COLUMN embargoes.target_iso3 IS 'Country code of the target (YUG: former Yugoslavia); empty for regimes on listed parties anywhere.';
COMMENT ON COLUMN embargoes.target_kind IS 'Kind of target at imposition: state, non_state_actors (in a territory), listed_parties, territory.';
COMMENT ON COLUMN embargoes.regime_name IS 'Common name of the sanctions regime and its committee.';
COMMENT ON COLUMN embargoes.imposed_by IS 'Resolution that imposed the embargo, by symbol.';
COMMENT ON COLUMN embargoes.start_date IS 'Adoption date of the imposing resolution (entry into force may be later: see embargo_coverage).';
COMMENT ON COLUMN embargoes.end_date IS 'First day the embargo no longer applied; empty while in force or when no end date could be verified.';
COMMENT ON COLUMN embargoes.ended_by IS 'Resolution or event that ended the embargo.';
COMMENT ON COLUMN embargoes.status IS 'in force, lifted or expired, as of status_as_of.';
COMMENT ON COLUMN embargoes.status_as_of IS 'Date the status refers to.';
COMMENT ON COLUMN embargoes.status_projected IS 'True when in force is projected from the latest renewal found, not confirmed.';
COMMENT ON COLUMN embargoes.mandatory IS 'True for binding Council decisions; false for voluntary calls.';
COMMENT ON COLUMN embargoes.scope IS 'What is prohibited, in the words of the resolutions.';
COMMENT ON COLUMN embargoes.exemption_type IS 'Exemption procedures: none, prior notification, prior approval or mixed.';
COMMENT ON COLUMN embargoes.committee IS 'Resolution(s) establishing the sanctions committee; none when there is none; empty for voluntary calls.';
COMMENT ON COLUMN embargoes.panel IS 'Panel or group of experts monitoring the embargo, with its establishing resolution.';
COMMENT ON COLUMN embargoes.supporting_mission IS 'UN peace operation with a role in monitoring the embargo.';
COMMENT ON COLUMN embargoes.confidence IS 'verified or partly_verified: how well each key fact is backed by sources.';
COMMENT ON COLUMN embargoes.notes IS 'Disagreements between sources, votes and caveats.';
COMMENT ON COLUMN embargoes.load_id IS 'Load batch (load_log.load_id).';
COMMENT ON COLUMN embargoes.target_name_fr IS 'The target in French (shown to French readers); empty when only the English exists.';
