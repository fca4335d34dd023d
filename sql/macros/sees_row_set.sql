-- Whether a viewer who may see the classifications `visible` reads the row set of a stored
-- per-clearance table (delivery_groups, screening_lines, screening_delivery_rows) held for the
-- clearance ranks clearance_rank_from to clearance_rank_to (row_sets_held): the tables hold a
-- row set for the levels that differ only, and a viewer reads the one of their clearance
-- (clearance_of), or that of the most sensitive level held below it. Two comparisons of a
-- column with a constant: the scan's zone maps skip the other row sets.
CREATE MACRO sees_row_set(clearance_rank_from, clearance_rank_to, visible) AS
clearance_rank_from <= list_position(
    ['public', 'restricted', 'confidential', 'strictly_confidential'], clearance_of(visible)
)
AND clearance_rank_to >= list_position(
    ['public', 'restricted', 'confidential', 'strictly_confidential'], clearance_of(visible)
);
