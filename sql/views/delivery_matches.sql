-- Every transfer line, for each clearance that may see it, with the delivery it reports: the
-- delivery named after another line where delivery_matched_lines says so, else the line's own
-- (a line that matches nothing is a delivery of its own). The pages read delivery_matched_lines
-- with a LEFT JOIN instead, which joins a few rows rather than a row per line and clearance.
CREATE VIEW delivery_matches AS
WITH levels (clearance, clearance_rank) AS (
    VALUES ('public', 0), ('restricted', 1), ('confidential', 2), ('strictly_confidential', 3)
)
SELECT
    v.clearance,
    t.transfer_id,
    coalesce(m.delivery_id, t.transfer_id) AS delivery_id
FROM transfers AS t
JOIN levels AS v
    ON CASE t.classification
           WHEN 'public' THEN 0 WHEN 'restricted' THEN 1 WHEN 'confidential' THEN 2 ELSE 3
       END <= v.clearance_rank
LEFT JOIN delivery_matched_lines AS m
    ON m.clearance = v.clearance AND m.transfer_id = t.transfer_id;
COMMENT ON VIEW delivery_matches IS 'Every transfer line, for each clearance that may see it, with the delivery it reports (delivery_id), matched among the lines visible at that clearance: lines of different registers and reports that give the same supplier, recipient, year, category and weapon, with quantities at most 5 items or 25% apart, are one delivery (delivery_matched_lines); every other line is a delivery of its own.';
COMMENT ON COLUMN delivery_matches.clearance IS 'The clearance the matching is for: only lines a viewer with it may see were matched (clearance_of).';
COMMENT ON COLUMN delivery_matches.transfer_id IS 'The register line (transfers.transfer_id).';
COMMENT ON COLUMN delivery_matches.delivery_id IS 'The delivery it reports: the smallest transfer id among the lines matched to it (its own when it matches none).';
