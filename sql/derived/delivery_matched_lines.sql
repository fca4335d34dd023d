-- One delivery is one delivery: the lines of every register (trade register, UN Register export
-- and import reports, ATT export and import reports) that report the same delivery, matched into
-- one delivery_id. Two lines of different reports (source and flow) match when they have the same
-- supplier, recipient and delivery year; the same harmonised category (or one of them 'other':
-- the trade register does not place every weapon in a Register category); weapon words that
-- share a word (or one has none) and, when both name a model (a word with a digit: T-72M1,
-- BTR-80), share a model word; and quantities within the tolerance: at most 5 items or a quarter
-- of the larger number apart, whichever allows more (mirror reports differ by a few items; a
-- missing quantity agrees with any). Each line is matched to the closest line of each other
-- report (the smaller difference in quantity, then more words in common, then the transfer id)
-- only when that line's closest is it in turn, so two deliveries of one year are never merged
-- through a third; lines linked directly or through others are one delivery, named by its smallest
-- transfer id. A chain that would put two lines of one report into one delivery leaves each of
-- its lines a delivery of its own. Nil reports and deals with no delivery year are deliveries of
-- their own (no match is looked for). Only the lines named after another line are stored here:
-- every other line is the delivery named after itself, which readers take with a LEFT JOIN and
-- coalesce(delivery_id, transfer_id), or from the view delivery_matches, which gives every line.
-- Matching is done once per clearance, among the lines a viewer with that clearance may see
-- (clearance): a line above it never joins two lines the viewer sees, and a delivery is never
-- named after a line the viewer cannot see.
CREATE TABLE delivery_matched_lines AS
WITH RECURSIVE levels (clearance, clearance_rank) AS (
    VALUES ('public', 0), ('restricted', 1), ('confidential', 2), ('strictly_confidential', 3)
),
ranked AS (
    SELECT
        t.*,
        CASE t.classification
            WHEN 'public' THEN 0 WHEN 'restricted' THEN 1 WHEN 'confidential' THEN 2 ELSE 3
        END AS line_rank
    FROM transfers AS t
),
matched_levels AS (
    -- the clearances matching is done for: every clearance at or above the most sensitive line's
    -- sees every line, so matching at the lowest of them holds for the others (a register that
    -- is all public is matched once, not four times)
    SELECT clearance, clearance_rank
    FROM levels
    WHERE clearance_rank <= (SELECT coalesce(max(line_rank), 0) FROM ranked)
),
keyed AS (
    SELECT
        line_rank,
        transfer_id,
        source_id || '/' || coalesce(flow, '') AS report,
        supplier_iso3,
        recipient_iso3,
        delivery_year,
        category,
        quantity,
        designation,
        description
    FROM ranked
    WHERE delivery_year IS NOT NULL
      AND NOT is_nil_report
      AND supplier_iso3 IS NOT NULL
      AND recipient_iso3 IS NOT NULL
),
shared_keys AS (
    -- supplier, recipient and year that more than one report gives: only their lines can match
    -- (a register loaded alone has none, and its lines' words are never computed)
    SELECT supplier_iso3, recipient_iso3, delivery_year
    FROM keyed
    GROUP BY ALL
    HAVING count(DISTINCT report) > 1
),
described AS MATERIALIZED (
    -- each line's words once, not once per clearance that sees it
    SELECT
        k.* EXCLUDE (designation, description),
        list_filter(
            regexp_split_to_array(lower(concat_ws(' ', designation, description)), '[^a-z0-9]+'),
            w -> length(w) >= 2
        ) AS words,
        list_filter(words, w -> regexp_matches(w, '[0-9]')) AS models
    FROM keyed AS k
    SEMI JOIN shared_keys USING (supplier_iso3, recipient_iso3, delivery_year)
),
lines AS (
    SELECT v.clearance, d.* EXCLUDE (line_rank)
    FROM described AS d
    JOIN matched_levels AS v ON d.line_rank <= v.clearance_rank
),
candidates AS (
    SELECT
        a.clearance,
        a.transfer_id AS a_id,
        a.report AS a_report,
        b.transfer_id AS b_id,
        b.report AS b_report,
        coalesce(abs(a.quantity - b.quantity), 0) AS difference,
        len(list_intersect(a.words, b.words)) AS shared_words
    FROM lines AS a
    JOIN lines AS b
        ON a.clearance = b.clearance
       AND a.supplier_iso3 = b.supplier_iso3
       AND a.recipient_iso3 = b.recipient_iso3
       AND a.delivery_year = b.delivery_year
       AND (a.category = b.category OR a.category = 'other' OR b.category = 'other')
       AND a.report <> b.report
    WHERE (len(a.words) = 0 OR len(b.words) = 0 OR list_has_any(a.words, b.words))
      AND (len(a.models) = 0 OR len(b.models) = 0 OR list_has_any(a.models, b.models))
      AND (
          a.quantity IS NULL OR b.quantity IS NULL
          OR abs(a.quantity - b.quantity) <= greatest(5, 0.25 * greatest(a.quantity, b.quantity))
      )
),
closest AS (
    -- each line's closest line in each other report
    SELECT clearance, a_id, b_id
    FROM candidates
    QUALIFY row_number() OVER (
        PARTITION BY clearance, a_id, b_report ORDER BY difference, shared_words DESC, b_id
    ) = 1
),
links AS (
    -- kept only where each is the other's closest
    SELECT c.clearance, c.a_id, c.b_id
    FROM closest AS c
    JOIN closest AS back
        ON back.clearance = c.clearance AND back.a_id = c.b_id AND back.b_id = c.a_id
),
reach (clearance, transfer_id, reached) AS (
    -- from the linked lines only (links hold both directions): every other line is a delivery
    -- of its own
    SELECT DISTINCT clearance, a_id, a_id FROM links
    UNION
    SELECT r.clearance, l.b_id, r.reached
    FROM reach AS r
    JOIN links AS l ON l.clearance = r.clearance AND l.a_id = r.transfer_id
),
components AS (
    SELECT clearance, transfer_id, min(reached) AS component
    FROM reach
    GROUP BY clearance, transfer_id
),
unambiguous AS (
    -- components holding at most one line of each report
    SELECT c.clearance, c.component
    FROM components AS c
    JOIN lines AS l USING (clearance, transfer_id)
    GROUP BY c.clearance, c.component
    HAVING count(*) = count(DISTINCT l.report)
),
matching_used AS (
    -- the matching that holds at each clearance: its own, or that of the highest clearance
    -- matched below it
    SELECT v.clearance, v.clearance_rank, arg_max(m.clearance, m.clearance_rank) AS matched
    FROM levels AS v
    JOIN matched_levels AS m ON m.clearance_rank <= v.clearance_rank
    GROUP BY v.clearance, v.clearance_rank
),
delivered AS (
    -- the linked lines of the unambiguous components, named after their component
    SELECT c.clearance, c.transfer_id, c.component AS delivery_id
    FROM components AS c
    JOIN unambiguous AS u ON u.clearance = c.clearance AND u.component = c.component
)
SELECT v.clearance, d.transfer_id, d.delivery_id
FROM matching_used AS v
JOIN delivered AS d ON d.clearance = v.matched
-- a line named after itself (the smallest of its delivery, like every line that matches nothing)
-- needs no row: a register loaded alone gives none at all, instead of one per line and clearance
WHERE d.delivery_id <> d.transfer_id
-- the rows of one clearance together (each page reads one clearance: the zone maps skip the
-- others)
ORDER BY v.clearance;
COMMENT ON TABLE delivery_matched_lines IS 'The register lines, for each clearance that may see them, that report a delivery named after another line (delivery_id), matched among the lines visible at that clearance: lines of different registers and reports that give the same supplier, recipient, year, category and weapon, with quantities at most 5 items or 25% apart, are one delivery, named after the smallest of their transfer ids. Every other line is a delivery of its own, named after itself (the view delivery_matches gives every line). Refreshed after every load and build.';
COMMENT ON COLUMN delivery_matched_lines.clearance IS 'The clearance the matching is for: only lines a viewer with it may see were matched (clearance_of).';
COMMENT ON COLUMN delivery_matched_lines.transfer_id IS 'The register line (transfers.transfer_id).';
COMMENT ON COLUMN delivery_matched_lines.delivery_id IS 'The delivery it reports: the smallest transfer id among the lines matched to it, never its own.';
