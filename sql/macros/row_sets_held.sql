-- The row sets a stored per-clearance table holds, given the rank (1 public to 4 strictly
-- confidential) of the most sensitive record its rows are made from: one per clearance up to
-- that rank, the last of them read by every clearance from that rank on (they all see every
-- record, hence the same rows). Each row set is named by its clearance and read by the viewers
-- whose clearance rank lies between clearance_rank_from and clearance_rank_to (sees_row_set).
CREATE MACRO row_sets_held(top_rank) AS TABLE
SELECT
    ['public', 'restricted', 'confidential', 'strictly_confidential'][r] AS clearance,
    r AS clearance_rank_from,
    CASE WHEN r = top_rank THEN 4 ELSE r END AS clearance_rank_to
FROM range(1, top_rank + 1) AS v(r);
