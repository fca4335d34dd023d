-- The earlier versions of listed parties: when a more recent list gives a party other values,
-- the version it replaces moves here with its names, when and by which load.
CREATE TABLE sanctioned_party_earlier_versions (
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
    version INTEGER NOT NULL,
    load_id VARCHAR NOT NULL,
    file_name VARCHAR NOT NULL,
    source_row_number BIGINT NOT NULL,
    names STRUCT(name_kind VARCHAR, name VARCHAR, quality VARCHAR)[] NOT NULL,
    superseded_at TIMESTAMP NOT NULL,
    superseded_by_load_id VARCHAR NOT NULL
);
COMMENT ON TABLE sanctioned_party_earlier_versions IS 'Every earlier version of a listed party (sanctioned_parties), as a less recent list gave it, before a more recent list that gave other values (a new alias, another name, regime, listing date or comments) replaced it: one row per replaced version, with the names it had.';
COMMENT ON COLUMN sanctioned_party_earlier_versions.reference_number IS 'The list''s permanent reference number, e.g. CDi.001 (individual) or CDe.001 (entity); the key.';
COMMENT ON COLUMN sanctioned_party_earlier_versions.data_id IS 'DATAID of the record in the list.';
COMMENT ON COLUMN sanctioned_party_earlier_versions.version_num IS 'VERSIONNUM of the record in the list.';
COMMENT ON COLUMN sanctioned_party_earlier_versions.party_type IS 'individual or entity.';
COMMENT ON COLUMN sanctioned_party_earlier_versions.name IS 'Listed name as the list writes it: FIRST_NAME to FOURTH_NAME joined by spaces (an entity has FIRST_NAME only).';
COMMENT ON COLUMN sanctioned_party_earlier_versions.name_original_script IS 'Name in its original script (Arabic, Korean, ...) where the list gives one.';
COMMENT ON COLUMN sanctioned_party_earlier_versions.un_list_type IS 'Sanctions regime, as UN_LIST_TYPE writes it (un_list_types).';
COMMENT ON COLUMN sanctioned_party_earlier_versions.embargo_id IS 'Arms embargo the party falls under (embargoes.embargo_id), through un_list_types; empty for a regime without arms embargo.';
COMMENT ON COLUMN sanctioned_party_earlier_versions.listed_on IS 'Date the party was first listed (LISTED_ON).';
COMMENT ON COLUMN sanctioned_party_earlier_versions.last_updated_on IS 'Latest date the entry was amended (LAST_DAY_UPDATED); empty when never amended.';
COMMENT ON COLUMN sanctioned_party_earlier_versions.delisted_on IS 'Date of removal from the list where a file gives one; the published list drops delisted parties, so mostly empty.';
COMMENT ON COLUMN sanctioned_party_earlier_versions.nationality IS 'Every nationality the list gives, as written, joined by ''; ''.';
COMMENT ON COLUMN sanctioned_party_earlier_versions.nationality_iso3 IS 'The first nationality that names a present-day country (ISO 3166-1 alpha-3 via country_aliases); empty when none does (''na'', ''former Soviet Union'').';
COMMENT ON COLUMN sanctioned_party_earlier_versions.title IS 'Titles (TITLE), joined by ''; ''.';
COMMENT ON COLUMN sanctioned_party_earlier_versions.designation IS 'Positions and functions the list gives (DESIGNATION), joined by ''; ''.';
COMMENT ON COLUMN sanctioned_party_earlier_versions.gender IS 'Gender of an individual as the list gives it.';
COMMENT ON COLUMN sanctioned_party_earlier_versions.comments IS 'The list''s narrative on the party (COMMENTS1).';
COMMENT ON COLUMN sanctioned_party_earlier_versions.list_date IS 'Date the list this row comes from was generated (dateGenerated).';
COMMENT ON COLUMN sanctioned_party_earlier_versions.classification IS 'Always public: the list is a public UN document.';
COMMENT ON COLUMN sanctioned_party_earlier_versions.version IS '1 for the party as first loaded, then 2, 3, ... each time a more recent list gives it other values (a name, an alias, its regime, listing date or comments); the earlier ones are in sanctioned_party_earlier_versions.';
COMMENT ON COLUMN sanctioned_party_earlier_versions.load_id IS 'Load batch (load_log.load_id).';
COMMENT ON COLUMN sanctioned_party_earlier_versions.file_name IS 'File the record came from.';
COMMENT ON COLUMN sanctioned_party_earlier_versions.source_row_number IS 'Line of the XML file where the party''s INDIVIDUAL or ENTITY element starts.';
COMMENT ON COLUMN sanctioned_party_earlier_versions.names IS 'The names of the version (sanctioned_party_names then): kind, name as written and alias quality.';
COMMENT ON COLUMN sanctioned_party_earlier_versions.superseded_at IS 'When the more recent list''s version replaced it (UTC).';
COMMENT ON COLUMN sanctioned_party_earlier_versions.superseded_by_load_id IS 'The load of the more recent list (load_log.load_id).';
