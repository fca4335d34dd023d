-- The lookup key of a party name under the sanctions list's rule
-- (sanctioned_party_names.name_normalized, the entities a panel finding names): case, accents,
-- punctuation and spacing do not distinguish names. Letters and digits of every script count.
CREATE MACRO party_name_key(name) AS
    trim(regexp_replace(strip_accents(lower(name)), '[^\p{L}\p{N}_]+', ' ', 'g'));
