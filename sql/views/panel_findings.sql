-- The findings that pages count: the current version of each finding (or the one known on the
-- date of the session variable known_on, version_known), unless it was retracted.
CREATE VIEW panel_findings AS
SELECT *
FROM panel_finding_versions
WHERE version_known(recorded_at, superseded_at) AND status <> 'retracted';
COMMENT ON VIEW panel_findings IS 'Panel findings as the warehouse knows them: the current version of each finding (every version is in panel_finding_versions), or the version known on a past date when one is chosen; a finding whose known version is retracted is left out.';
