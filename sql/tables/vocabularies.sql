-- The vocabularies of the input formats, one row per value: the definitions the format parsers check against.
CREATE TABLE vocabularies (
    vocabulary VARCHAR NOT NULL,
    value VARCHAR NOT NULL,
    position INTEGER NOT NULL,
    label_en VARCHAR NOT NULL,
    description VARCHAR
);
COMMENT ON TABLE vocabularies IS 'Every value of every vocabulary of the input formats (seizure contexts, units, item kinds, trace statuses, exemption decisions, finding types, classification levels, ...), as the format parsers accept them; written at every build from data/reference/vocabularies.csv (the classification levels from the code that orders them), a definition that comes with the code rather than a loaded source, so it has no load.';
COMMENT ON COLUMN vocabularies.vocabulary IS 'Name of the vocabulary (seizure_context, unit, trace_status, ...), as docs/formats.md names it for each column.';
COMMENT ON COLUMN vocabularies.value IS 'The value as stored: lower case, underscores for spaces (a file may write it in any case, with spaces or hyphens).';
COMMENT ON COLUMN vocabularies.position IS 'Order of the value within its vocabulary (1 = first), the order messages and documentation list the values in.';
COMMENT ON COLUMN vocabularies.label_en IS 'How a person reads the value, in English.';
COMMENT ON COLUMN vocabularies.description IS 'What the value means and what it requires of the other columns; empty where the label says it all.';
