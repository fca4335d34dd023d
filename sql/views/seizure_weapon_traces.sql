-- Weapons documented per classification, country, year and the classifications of the trace
-- requests that established their origin, computed from the trace requests and the item lines
-- as the warehouse knows them (the current versions, or those known on the session's known_on
-- date); stored as seizure_weapon_trace_counts.
CREATE VIEW seizure_weapon_traces AS
WITH facts AS NOT MATERIALIZED (
    -- as seizure_item_facts_known (only one side is read), written out so that the stored
    -- table is named here: a small load's refresh reads this query over its new rows
    SELECT * FROM seizure_item_facts_stored WHERE getvariable('known_on') IS NULL
    UNION ALL BY NAME
    SELECT * FROM seizure_item_facts_as_known
),
traced AS (
    SELECT
        f.item_line_uid,
        list(DISTINCT t.classification ORDER BY t.classification) AS traced_in
    FROM facts AS f
    JOIN trace_request_status AS t
      ON t.serial_normalized = f.serial_normalized
     AND (t.event_uid IS NULL OR t.event_uid = f.event_uid)
    WHERE f.item_kind = 'weapon' AND t.origin_established
    GROUP BY f.item_line_uid
)
SELECT
    f.classification,
    f.country_iso3,
    f.event_year,
    coalesce(t.traced_in, []) AS traced_in,
    count(*) AS weapon_lines,
    sum(coalesce(f.quantity, 1)) AS weapons
FROM facts AS f
LEFT JOIN traced AS t ON t.item_line_uid = f.item_line_uid
WHERE f.item_kind = 'weapon'
GROUP BY ALL
ORDER BY classification, country_iso3, event_year, traced_in;
COMMENT ON VIEW seizure_weapon_traces IS 'Weapon lines of seizure_item_facts counted per classification, country, year and the classifications of the trace requests (as known) that established their origin; stored as seizure_weapon_trace_counts.';
