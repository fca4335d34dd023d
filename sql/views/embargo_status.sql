-- The status of every embargo as every output states it, with its caveats: in force (verified),
-- in force (projected: the reference table could not verify the latest renewal, so in force is
-- projected from the last one found), in force but contested (the reference table's notes start
-- with "CONTESTED:", e.g. the re-applied measures on Iran), lifted or expired. With the last
-- resolution on record (the latest dated change that names one: imposition, renewal, change)
-- and the date it runs to where its text gives it ("to YYYY-MM-DD", not a panel's mandate) or,
-- for a renewal "for one year", a year after its adoption (runs_to_estimated).
CREATE VIEW embargo_status AS
WITH recorded AS (
    -- resolutions recorded after the reference table's release: a renewal running past its
    -- status date verifies "in force"; a termination ends the embargo
    SELECT
        embargo_id,
        max(runs_to) FILTER (WHERE change_kind = 'renewal') AS renewed_to,
        min(adopted_on) FILTER (WHERE change_kind = 'termination') AS terminated_on
    FROM embargo_change_records
    GROUP BY embargo_id
),
last_resolution AS (
    SELECT
        embargo_id,
        resolution,
        change_date,
        change_kind,
        change,
        -- the measures' own end, not a panel's mandate ("Panel to 2026-10-12")
        TRY_CAST(regexp_extract(
            regexp_replace(change, '([Pp]anel|mandate)[A-Za-z ]* to \d{4}-\d{2}-\d{2}', '', 'g'),
            'to (\d{4}-\d{2}-\d{2})', 1
        ) AS DATE) AS runs_to_given,
        change ILIKE '%one year%' AND length(change_date) = 10 AS for_one_year
    FROM embargo_changes
    WHERE resolution IS NOT NULL AND resolution <> ''
      AND change_kind IN ('imposed', 'entry_into_force', 'renewal', 'scope_change',
                          'exemption_change', 'reinstatement', 'ending', 'ended')
    QUALIFY row_number() OVER (
        PARTITION BY embargo_id ORDER BY change_date DESC, change_seq DESC
    ) = 1
)
SELECT
    e.embargo_id,
    e.short_name,
    e.status,
    e.status_as_of,
    e.status_projected,
    coalesce(e.notes, '') LIKE 'CONTESTED:%' AS contested,
    CASE
        WHEN e.status <> 'in force' THEN replace(e.status, ' ', '_')
        WHEN rc.terminated_on IS NOT NULL THEN 'lifted'
        WHEN coalesce(e.notes, '') LIKE 'CONTESTED:%' THEN 'in_force_contested'
        WHEN e.status_projected AND NOT coalesce(rc.renewed_to >= e.status_as_of, false)
            THEN 'in_force_projected'
        ELSE 'in_force'
    END AS status_kind,
    rc.renewed_to AS recorded_renewal_runs_to,
    CASE WHEN coalesce(e.notes, '') LIKE 'CONTESTED:%'
         THEN trim(split_part(substr(e.notes, 11), '. ', 1)) END AS contested_note,
    r.resolution AS last_resolution,
    r.change_date AS last_resolution_date,
    coalesce(
        r.runs_to_given,
        CASE WHEN r.for_one_year
             THEN CAST(CAST(r.change_date AS DATE) + INTERVAL 1 YEAR AS DATE) END
    ) AS last_resolution_runs_to,
    r.runs_to_given IS NULL AND r.for_one_year AS runs_to_estimated
FROM embargoes AS e
LEFT JOIN last_resolution AS r USING (embargo_id)
LEFT JOIN recorded AS rc USING (embargo_id);
COMMENT ON VIEW embargo_status IS 'Status of every embargo with its caveats (in force, in force projected, in force contested, lifted, expired), the last resolution on record and the date it runs to: what every output says about status.';
