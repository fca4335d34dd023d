-- A place name reduced for comparison: accents, case, spaces and punctuation left out, so a
-- record's "Haute Kotto" or "NANA-GREBIZI" finds the layer's "Haute-Kotto" and "Nana-Grébizi".
CREATE MACRO place_key(name) AS
    lower(regexp_replace(strip_accents(CAST(name AS VARCHAR)), '[^A-Za-z0-9]+', '', 'g'));
