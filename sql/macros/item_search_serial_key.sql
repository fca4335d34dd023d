-- A search text as Item search compares it with serial_normalized: upper case, without spaces,
-- dashes, slashes or dots (as the seizures and traces formats normalise serials).
CREATE MACRO item_search_serial_key(search_text) AS
upper(regexp_replace(CAST(search_text AS VARCHAR), '[\s\-/.]', '', 'g'));
