-- Every name of every party: the parties of the UN sanctions list (by reference number) and the
-- other actors (armed groups, organisations and unidentified parties of the alias table and the
-- actor registry, and the actors a naming rule recognised), each name with the party it stands
-- for. A name a person linked to a listed party (party_links, confirmed) stands for the listed
-- party; unconfirmed candidates never do. Spellings the registry gives one actor_name are one
-- actor. Listed parties are the versions known (sanctioned_parties_known): with an "as known on"
-- date, a party listed by a list loaded after it is not one yet.
CREATE VIEW party_directory AS
WITH listed AS (
    SELECT
        n.name,
        n.name_kind,
        n.script,
        n.quality,
        -- names of the list match records only through a confirmed link
        NULL AS record_key,
        n.name_normalized AS finding_key,
        p.reference_number AS party_key,
        p.name AS party_label,
        'listed' AS party_kind,
        p.nationality_iso3 AS country_iso3,
        p.un_list_type
    FROM sanctioned_party_names AS n
    JOIN sanctioned_parties_known AS p USING (reference_number)
),
linked AS (
    SELECT
        k.party_name AS name,
        'linked_name' AS name_kind,
        NULL AS script,
        NULL AS quality,
        k.party_name_normalized AS record_key,
        party_name_key(k.party_name) AS finding_key,
        p.reference_number AS party_key,
        p.name AS party_label,
        'listed' AS party_kind,
        p.nationality_iso3 AS country_iso3,
        p.un_list_type
    FROM party_links AS k
    JOIN sanctioned_parties_known AS p USING (reference_number)
    WHERE k.decision = 'confirmed'
),
actor_names AS (
    SELECT a.alias AS name, a.alias_normalized AS record_key, a.country_iso3, r.actor_name
    FROM country_aliases AS a
    LEFT JOIN actor_registry AS r ON r.name_normalized = a.alias_normalized
    WHERE a.actor_type IN ('non_state', 'organisation', 'broker', 'unknown')
    UNION ALL
    SELECT name, name_normalized, country_iso3, NULL
    FROM rule_resolved_actors
    WHERE name_normalized NOT IN (SELECT alias_normalized FROM country_aliases)
),
actors AS (
    SELECT
        a.name,
        'spelling' AS name_kind,
        NULL AS script,
        NULL AS quality,
        a.record_key,
        party_name_key(a.name) AS finding_key,
        coalesce(a.actor_name, a.name) AS party_key,
        coalesce(a.actor_name, a.name) AS party_label,
        'actor' AS party_kind,
        a.country_iso3,
        NULL AS un_list_type
    FROM actor_names AS a
    -- a name linked to a listed party stands for that party
    WHERE a.record_key NOT IN (SELECT record_key FROM linked)
)
SELECT * FROM listed
UNION ALL
SELECT * FROM linked
UNION ALL
SELECT * FROM actors;
COMMENT ON VIEW party_directory IS 'Every name of every party with the party it stands for: each name and alias of a listed party (sanctioned_party_names), each name a person linked to one (party_links, confirmed), and each armed group, organisation or unidentified party of country_aliases (with the actor registry''s grouping) or recognised by a naming rule. Registered transfers and seizure records name a party when their name''s alias key equals record_key; panel findings when an entity they name equals finding_key.';
COMMENT ON COLUMN party_directory.name IS 'The name as the list, the link or the alias table writes it.';
COMMENT ON COLUMN party_directory.name_kind IS 'listed_name, original_script or alias (the sanctions list), linked_name (a confirmed link) or spelling (a spelling of an actor that is not listed, or not linked).';
COMMENT ON COLUMN party_directory.script IS 'Writing system of a name of the list (latin, arabic, ...); empty for other names.';
COMMENT ON COLUMN party_directory.quality IS 'Alias quality as the list gives it (Good, Low, a.k.a., f.k.a.).';
COMMENT ON COLUMN party_directory.record_key IS 'Alias key (alias_key) that transfers'' supplier and recipient names and seizure events'' seized_from match; empty for the list''s own names, which count only through a confirmed link.';
COMMENT ON COLUMN party_directory.finding_key IS 'Party name key (party_name_key) that the entities of panel findings match.';
COMMENT ON COLUMN party_directory.party_key IS 'The party: a reference number of the sanctions list, or the actor''s name (the registry''s actor_name where several spellings name one).';
COMMENT ON COLUMN party_directory.party_label IS 'The party''s name to show: the listed name, or the actor''s name.';
COMMENT ON COLUMN party_directory.party_kind IS 'listed (on the UN sanctions list) or actor.';
COMMENT ON COLUMN party_directory.country_iso3 IS 'A listed party''s first nationality, or the country an actor operates in.';
COMMENT ON COLUMN party_directory.un_list_type IS 'A listed party''s sanctions regime (UN_LIST_TYPE); empty for other actors.';
