-- Links between a party of the registered transfers and a party of the UN sanctions list, as a person confirmed or rejected them (embargo links).
CREATE TABLE party_links (
    party_name VARCHAR NOT NULL,
    party_name_normalized VARCHAR NOT NULL,
    reference_number VARCHAR NOT NULL,
    decision VARCHAR NOT NULL,
    score DOUBLE,
    evidence VARCHAR,
    note VARCHAR,
    decided_by VARCHAR NOT NULL,
    decided_at TIMESTAMP NOT NULL,
    load_id VARCHAR NOT NULL
);
COMMENT ON TABLE party_links IS 'Decisions on candidate links between a supplier or recipient name of the registered transfers and a listed party (sanctioned_parties), kept in the access store beside the warehouse (or in the catalog''s database) and taken in at every build and decision. Only confirmed links count in listed_party_screening.';
COMMENT ON COLUMN party_links.party_name IS 'The supplier or recipient name as the register writes it.';
COMMENT ON COLUMN party_links.party_name_normalized IS 'Lookup key (country_aliases.alias_normalized rule): lower case, trimmed, inner white space collapsed.';
COMMENT ON COLUMN party_links.reference_number IS 'The listed party (sanctioned_parties.reference_number).';
COMMENT ON COLUMN party_links.decision IS 'confirmed or rejected.';
COMMENT ON COLUMN party_links.score IS 'Likeness of the two names when the candidate was decided, 0-100 (embargo/name_matching.py).';
COMMENT ON COLUMN party_links.evidence IS 'Which names matched: the register''s name, the list''s name or alias and its party.';
COMMENT ON COLUMN party_links.note IS 'Why, as the person who decided wrote it.';
COMMENT ON COLUMN party_links.decided_by IS 'Who decided (an account, or cli: and the operator''s login).';
COMMENT ON COLUMN party_links.decided_at IS 'When (UTC); earlier decisions on the same pair are in the audit trail.';
COMMENT ON COLUMN party_links.load_id IS 'The merge that brought the decision in (load_log.load_id, format links).';
