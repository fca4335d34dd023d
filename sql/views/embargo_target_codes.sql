-- Every country code under which an embargo's target appears: the present-day countries of its
-- territory and the target's own code (YUG for records of the former Yugoslavia).
CREATE VIEW embargo_target_codes AS
SELECT embargo_id, country_iso3 FROM embargo_target_countries
UNION
SELECT embargo_id, target_iso3 FROM embargoes WHERE target_iso3 IS NOT NULL;
COMMENT ON VIEW embargo_target_codes IS 'Country codes that identify an embargo target in records: present-day countries of the territory and the target''s own (possibly historical) code.';
