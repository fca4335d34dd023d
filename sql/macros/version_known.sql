-- Whether a version of a record is the one to show: the current version, or, when the session
-- variable known_on is set (embargo sql --known-on, the dashboard's "as known on" date), the
-- version the warehouse held at the end of that day (by load date, not the record's own dates).
-- The variable is a constant of the query, so the filter folds to a plain column filter.
CREATE MACRO version_known(recorded_at, superseded_at) AS
    CASE
        WHEN getvariable('known_on') IS NULL THEN superseded_at IS NULL
        ELSE recorded_at < CAST(getvariable('known_on') AS DATE) + 1
            AND (superseded_at IS NULL
                OR superseded_at >= CAST(getvariable('known_on') AS DATE) + 1)
    END;
