-- Every source the warehouse draws on: what it is, who publishes it, under which terms.
CREATE TABLE source_registry (
    source_id VARCHAR NOT NULL,
    title VARCHAR NOT NULL,
    publisher VARCHAR NOT NULL,
    licence VARCHAR NOT NULL,
    coverage VARCHAR NOT NULL,
    citation VARCHAR NOT NULL,
    is_synthetic BOOLEAN NOT NULL,
    notes VARCHAR,
    citation_fr VARCHAR,
    notes_fr VARCHAR,
    publisher_fr VARCHAR,
    licence_fr VARCHAR,
    coverage_fr VARCHAR
);
COMMENT ON TABLE source_registry IS 'Sources the warehouse draws on: title, publisher, licence and coverage. One row per source.';
COMMENT ON COLUMN source_registry.source_id IS 'Stable identifier of the source, referenced by load_log.source_id.';
COMMENT ON COLUMN source_registry.title IS 'Title of the source as its publisher gives it.';
COMMENT ON COLUMN source_registry.publisher IS 'Organisation that publishes the source.';
COMMENT ON COLUMN source_registry.licence IS 'Terms of use of the source.';
COMMENT ON COLUMN source_registry.coverage IS 'What the source covers: period, places, kinds of records.';
COMMENT ON COLUMN source_registry.citation IS 'How figures from this source are cited.';
COMMENT ON COLUMN source_registry.is_synthetic IS 'True for invented demonstration data, never to be cited as fact.';
COMMENT ON COLUMN source_registry.notes IS 'Caveats a user should know before relying on the source.';
COMMENT ON COLUMN source_registry.citation_fr IS 'The citation in French (shown to French readers); empty when only the English exists.';
COMMENT ON COLUMN source_registry.notes_fr IS 'The notes in French (shown to French readers); empty when only the English exists.';
COMMENT ON COLUMN source_registry.publisher_fr IS 'The publisher in French (shown to French readers); empty when only the English exists.';
COMMENT ON COLUMN source_registry.licence_fr IS 'The licence in French (shown to French readers); empty when only the English exists.';
COMMENT ON COLUMN source_registry.coverage_fr IS 'The coverage in French (shown to French readers); empty when only the English exists.';
