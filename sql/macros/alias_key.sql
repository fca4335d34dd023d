-- The lookup key of a name under the alias matching rule (country_aliases.alias_normalized,
-- party_links.party_name_normalized): case, surrounding and repeated white space do not
-- distinguish names.
CREATE MACRO alias_key(name) AS lower(trim(regexp_replace(name, '\s+', ' ', 'g')));
