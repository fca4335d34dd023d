-- The version of each tracing request that pages show: the current one, or the one known on the
-- date of the session variable known_on (version_known).
CREATE VIEW trace_requests AS
SELECT *
FROM trace_request_versions
WHERE version_known(recorded_at, superseded_at);
COMMENT ON VIEW trace_requests IS 'Tracing requests as the warehouse knows them: one row per request of a requesting entity, its current version (every version is in trace_request_versions), or the version known on a past date when one is chosen.';
