-- Individuals and entities on the UN Security Council Consolidated List (format un-sanctions-list): one row per listed party.
CREATE TABLE sanctioned_parties (
    reference_number VARCHAR NOT NULL,
    data_id VARCHAR,
    version_num VARCHAR,
    party_type VARCHAR NOT NULL,
    name VARCHAR NOT NULL,
    name_original_script VARCHAR,
    un_list_type VARCHAR NOT NULL,
    embargo_id VARCHAR,
    listed_on DATE,
    last_updated_on DATE,
    delisted_on DATE,
    nationality VARCHAR,
    nationality_iso3 VARCHAR,
    title VARCHAR,
    designation VARCHAR,
    gender VARCHAR,
    comments VARCHAR,
    list_date DATE,
    classification VARCHAR NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    load_id VARCHAR NOT NULL,
    file_name VARCHAR NOT NULL,
    source_row_number BIGINT NOT NULL
);
COMMENT ON TABLE sanctioned_parties IS 'Individuals and entities subject to UN Security Council sanctions, from the Consolidated List XML: one row per reference number, as in the most recent list loaded that has it. Every name and alias is in sanctioned_party_names.';
COMMENT ON COLUMN sanctioned_parties.reference_number IS 'The list''s permanent reference number, e.g. CDi.001 (individual) or CDe.001 (entity); the key.';
COMMENT ON COLUMN sanctioned_parties.data_id IS 'DATAID of the record in the list.';
COMMENT ON COLUMN sanctioned_parties.version_num IS 'VERSIONNUM of the record in the list.';
COMMENT ON COLUMN sanctioned_parties.party_type IS 'individual or entity.';
COMMENT ON COLUMN sanctioned_parties.name IS 'Listed name as the list writes it: FIRST_NAME to FOURTH_NAME joined by spaces (an entity has FIRST_NAME only).';
COMMENT ON COLUMN sanctioned_parties.name_original_script IS 'Name in its original script (Arabic, Korean, ...) where the list gives one.';
COMMENT ON COLUMN sanctioned_parties.un_list_type IS 'Sanctions regime, as UN_LIST_TYPE writes it (un_list_types).';
COMMENT ON COLUMN sanctioned_parties.embargo_id IS 'Arms embargo the party falls under (embargoes.embargo_id), through un_list_types; empty for a regime without arms embargo.';
COMMENT ON COLUMN sanctioned_parties.listed_on IS 'Date the party was first listed (LISTED_ON).';
COMMENT ON COLUMN sanctioned_parties.last_updated_on IS 'Latest date the entry was amended (LAST_DAY_UPDATED); empty when never amended.';
COMMENT ON COLUMN sanctioned_parties.delisted_on IS 'Date of removal from the list where a file gives one; the published list drops delisted parties, so mostly empty.';
COMMENT ON COLUMN sanctioned_parties.nationality IS 'Every nationality the list gives, as written, joined by ''; ''.';
COMMENT ON COLUMN sanctioned_parties.nationality_iso3 IS 'The first nationality that names a present-day country (ISO 3166-1 alpha-3 via country_aliases); empty when none does (''na'', ''former Soviet Union'').';
COMMENT ON COLUMN sanctioned_parties.title IS 'Titles (TITLE), joined by ''; ''.';
COMMENT ON COLUMN sanctioned_parties.designation IS 'Positions and functions the list gives (DESIGNATION), joined by ''; ''.';
COMMENT ON COLUMN sanctioned_parties.gender IS 'Gender of an individual as the list gives it.';
COMMENT ON COLUMN sanctioned_parties.comments IS 'The list''s narrative on the party (COMMENTS1).';
COMMENT ON COLUMN sanctioned_parties.list_date IS 'Date the list this row comes from was generated (dateGenerated).';
COMMENT ON COLUMN sanctioned_parties.classification IS 'Always public: the list is a public UN document.';
COMMENT ON COLUMN sanctioned_parties.version IS '1 for the party as first loaded, then 2, 3, ... each time a more recent list gives it other values (a name, an alias, its regime, listing date or comments); the earlier ones are in sanctioned_party_earlier_versions.';
COMMENT ON COLUMN sanctioned_parties.load_id IS 'Load batch (load_log.load_id).';
COMMENT ON COLUMN sanctioned_parties.file_name IS 'File the record came from.';
COMMENT ON COLUMN sanctioned_parties.source_row_number IS 'Line of the XML file where the party''s INDIVIDUAL or ENTITY element starts.';
