-- States Parties to the Arms Trade Treaty and the day the Treaty entered into force for each:
-- 24 December 2014 for those that deposited their instrument before then (article 22(1)), else
-- 90 days after the deposit (article 22(2)). A State reports from the first full calendar year
-- the Treaty is in force for it; before that its missing report is not covered, never "did not
-- report". The list holds only the States whose dates were checked against two sources; a State
-- not listed is reported on as before (ATT reports from 2015).
CREATE TABLE att_states_parties (
    country_iso3 VARCHAR NOT NULL,
    deposited_on DATE NOT NULL,
    instrument VARCHAR NOT NULL,
    entry_into_force DATE NOT NULL,
    source VARCHAR NOT NULL,
    load_id VARCHAR NOT NULL
);
COMMENT ON TABLE att_states_parties IS 'States Parties to the Arms Trade Treaty with the day the Treaty entered into force for each (data/reference/att_states_parties.csv); only the States whose dates were checked against two sources.';
COMMENT ON COLUMN att_states_parties.country_iso3 IS 'The State Party (countries.country_iso3).';
COMMENT ON COLUMN att_states_parties.deposited_on IS 'Day its instrument of ratification, acceptance, approval or accession was deposited with the UN Secretary-General.';
COMMENT ON COLUMN att_states_parties.instrument IS 'ratification, acceptance, approval or accession.';
COMMENT ON COLUMN att_states_parties.entry_into_force IS 'Day the Treaty entered into force for the State: 2014-12-24, or 90 days after a later deposit.';
COMMENT ON COLUMN att_states_parties.source IS 'Where the dates were read and checked.';
COMMENT ON COLUMN att_states_parties.load_id IS 'Load batch (load_log.load_id).';
