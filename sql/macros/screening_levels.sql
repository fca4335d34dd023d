-- Each clearance and the clearance whose screening rows it sees: its own, or, above the most
-- sensitive line and notification the warehouse holds, that of the most sensitive level held
-- (every level above it sees every line and notification, hence the same rows). The stored
-- screening is computed once per level of the second column and copied to the others.
CREATE MACRO screening_levels() AS TABLE
WITH held AS (
    SELECT coalesce(max(list_position(
        ['public', 'restricted', 'confidential', 'strictly_confidential'], classification
    )), 1) AS top_rank
    FROM (
        SELECT classification FROM transfers
        UNION ALL
        SELECT classification FROM exemptions
    )
)
SELECT
    v.clearance,
    ['public', 'restricted', 'confidential', 'strictly_confidential'][least(
        list_position(['public', 'restricted', 'confidential', 'strictly_confidential'],
                      v.clearance),
        h.top_rank
    )] AS computed_as
FROM (
    VALUES ('public'), ('restricted'), ('confidential'), ('strictly_confidential')
) AS v(clearance)
CROSS JOIN held AS h;
