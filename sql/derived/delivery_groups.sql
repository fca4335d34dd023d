-- The deliveries each clearance sees (delivery_matches), counted per supplier, recipient, delivery
-- year, category and the names the registers give the two parties: what deliveries_filtered
-- gives, added up, stored after every load and build. The Transfers and Flows pages' totals,
-- flows and delivery counts add these groups up instead of grouping a million register lines by
-- delivery on every page run; with a category or source filter, which changes a delivery's
-- category and items, they group the lines as before (delivery_groups_filtered). Only the
-- levels that differ are held (transfer_levels: when every line is public, one set of groups
-- instead of four); a viewer reads theirs (sees_row_set).
CREATE TABLE delivery_groups AS
WITH deliveries AS (
    -- as deliveries_filtered with no filter, for each clearance held: every line that clearance
    -- may see, with the delivery it reports there (as delivery_matches gives it, without its
    -- rows for the clearances not held)
    SELECT
        h.clearance,
        h.clearance_rank_from,
        h.clearance_rank_to,
        t.supplier_iso3,
        t.recipient_iso3,
        first(t.supplier_name ORDER BY t.transfer_id) AS supplier_name,
        first(t.recipient_name ORDER BY t.transfer_id) AS recipient_name,
        t.delivery_year,
        first(t.category ORDER BY t.category = 'other', t.category) AS category,
        max(t.quantity) AS items,
        sum(t.value) FILTER (WHERE t.value_unit = 'TIV') AS tiv,
        count(*) AS register_lines
    FROM transfers AS t
    JOIN transfer_levels() AS h
        ON CASE t.classification
               WHEN 'public' THEN 1 WHEN 'restricted' THEN 2 WHEN 'confidential' THEN 3 ELSE 4
           END <= h.clearance_rank_from
    LEFT JOIN delivery_matched_lines AS m
        ON m.clearance = h.clearance AND m.transfer_id = t.transfer_id
    WHERE NOT t.is_nil_report AND t.delivery_year IS NOT NULL
    GROUP BY h.clearance, h.clearance_rank_from, h.clearance_rank_to,
        coalesce(m.delivery_id, t.transfer_id), t.supplier_iso3, t.recipient_iso3, t.delivery_year
)
SELECT
    clearance,
    clearance_rank_from,
    clearance_rank_to,
    supplier_iso3,
    recipient_iso3,
    delivery_year,
    category,
    supplier_name,
    recipient_name,
    count(*) AS deliveries,
    sum(items) AS items,
    sum(tiv) AS tiv,
    sum(register_lines) AS register_lines
FROM deliveries
GROUP BY ALL
-- one clearance's rows together (each page reads one: the zone maps skip the others)
ORDER BY clearance, delivery_year;
COMMENT ON TABLE delivery_groups IS 'The deliveries each clearance level held sees (delivery_matches: a delivery several registers report counts once; viewers above the most sensitive line held read that line''s level: clearance_rank_from and clearance_rank_to), counted per supplier, recipient, delivery year, category and the parties'' names as the registers give them; refreshed after every load and build; the Transfers and Flows pages add these up when no category or source filter is set.';
COMMENT ON COLUMN delivery_groups.clearance IS 'The clearance whose deliveries are counted (delivery_matches.clearance; row_sets_held).';
COMMENT ON COLUMN delivery_groups.clearance_rank_from IS 'The lowest clearance rank (1 public to 4 strictly confidential) whose viewers read these rows (sees_row_set).';
COMMENT ON COLUMN delivery_groups.clearance_rank_to IS 'The highest clearance rank whose viewers read these rows: above the most sensitive line held, every clearance reads the rows of that line''s level.';
COMMENT ON COLUMN delivery_groups.supplier_iso3 IS 'Supplier country (ISO3), when the register names one.';
COMMENT ON COLUMN delivery_groups.recipient_iso3 IS 'Recipient country (ISO3), when the register names one.';
COMMENT ON COLUMN delivery_groups.delivery_year IS 'Year of delivery.';
COMMENT ON COLUMN delivery_groups.category IS 'The delivery''s category: a Register category where one of its lines gives it, ''other'' only when none does.';
COMMENT ON COLUMN delivery_groups.supplier_name IS 'The supplier as the delivery''s first line (by transfer id) names it.';
COMMENT ON COLUMN delivery_groups.recipient_name IS 'The recipient as the delivery''s first line (by transfer id) names it.';
COMMENT ON COLUMN delivery_groups.deliveries IS 'Number of distinct deliveries.';
COMMENT ON COLUMN delivery_groups.items IS 'Items delivered: per delivery the largest number a report gives, added up.';
COMMENT ON COLUMN delivery_groups.tiv IS 'SIPRI trend-indicator value (only the trade register gives one), added up.';
COMMENT ON COLUMN delivery_groups.register_lines IS 'Register lines reporting these deliveries.';
