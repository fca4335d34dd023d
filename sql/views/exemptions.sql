-- The version of each exemption notification that the screening and pages read: the current
-- one, or the one known on the date of the session variable known_on (version_known).
CREATE VIEW exemptions AS
SELECT *
FROM exemption_versions
WHERE version_known(recorded_at, superseded_at);
COMMENT ON VIEW exemptions IS 'Exemption notifications and approval requests as the warehouse knows them: one row per notification of an embargo, its current version (every version is in exemption_versions), or the version known on a past date when one is chosen.';
