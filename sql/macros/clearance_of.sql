-- The clearance of a viewer from the classifications they may see (the most sensitive of them):
-- the level at which the deliveries they see were matched (delivery_matches.clearance).
CREATE MACRO clearance_of(visible) AS
CASE
    WHEN list_contains(CAST(visible AS VARCHAR[]), 'strictly_confidential')
        THEN 'strictly_confidential'
    WHEN list_contains(CAST(visible AS VARCHAR[]), 'confidential') THEN 'confidential'
    WHEN list_contains(CAST(visible AS VARCHAR[]), 'restricted') THEN 'restricted'
    ELSE 'public'
END;
