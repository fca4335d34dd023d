-- When states that came into being or ceased since 1990 existed: a delivery to a state dated in a
-- year wholly before it existed or after it ceased is a data problem. A state not listed is
-- taken to exist throughout.
CREATE TABLE state_existence (
    country_iso3 VARCHAR NOT NULL,
    exists_from DATE,
    exists_until DATE,
    note VARCHAR NOT NULL,
    load_id VARCHAR NOT NULL
);
COMMENT ON TABLE state_existence IS 'When states that came into being or ceased since 1990 existed (data/reference/state_existence.csv); a state not listed is taken to exist throughout.';
COMMENT ON COLUMN state_existence.country_iso3 IS 'The state (countries.country_iso3).';
COMMENT ON COLUMN state_existence.exists_from IS 'First day the state existed; empty when it existed before 1950.';
COMMENT ON COLUMN state_existence.exists_until IS 'First day the state no longer existed; empty while it exists.';
COMMENT ON COLUMN state_existence.note IS 'How it came into being or ceased.';
COMMENT ON COLUMN state_existence.load_id IS 'Load batch (load_log.load_id).';
