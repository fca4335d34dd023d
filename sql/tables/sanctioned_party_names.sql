-- Every name of a listed party: the listed name, the name in original script and each alias.
CREATE TABLE sanctioned_party_names (
    reference_number VARCHAR NOT NULL,
    name_kind VARCHAR NOT NULL,
    name VARCHAR NOT NULL,
    name_normalized VARCHAR NOT NULL,
    quality VARCHAR,
    script VARCHAR NOT NULL,
    load_id VARCHAR NOT NULL
);
COMMENT ON TABLE sanctioned_party_names IS 'Names of the parties in sanctioned_parties, one row per name: the listed name, the name in original script and each alias, for matching names found in other records.';
COMMENT ON COLUMN sanctioned_party_names.reference_number IS 'The party (sanctioned_parties.reference_number).';
COMMENT ON COLUMN sanctioned_party_names.name_kind IS 'listed_name, original_script or alias.';
COMMENT ON COLUMN sanctioned_party_names.name IS 'The name as the list writes it.';
COMMENT ON COLUMN sanctioned_party_names.name_normalized IS 'Lookup key: lower case, accents removed, punctuation and repeated spaces as one space (''ADF/NALU'' -> ''adf nalu'').';
COMMENT ON COLUMN sanctioned_party_names.quality IS 'Alias quality as the list gives it: Good or Low for individuals, a.k.a. or f.k.a. for entities; empty for the listed name.';
COMMENT ON COLUMN sanctioned_party_names.script IS 'Writing system of the name, from its first letter: latin, arabic, cyrillic, han, hangul, ...';
COMMENT ON COLUMN sanctioned_party_names.load_id IS 'Load batch (load_log.load_id).';
