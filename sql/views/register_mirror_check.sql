-- Mirror check of the transfer registers: what exporters report against what importers report.
-- One row per source (UN Register, ATT per basis), supplier, recipient, year and harmonised
-- category. The exporter side sums the export lines of the supplier, the importer side the import
-- lines of the recipient. Only State-to-State lines count (organisations and non-state actors
-- have no mirror report); nil reports carry no numbers and are left out of the sums, but they do
-- show that a State filed its report (other_side_reported).
CREATE VIEW register_mirror_check AS
WITH register_lines AS (
    SELECT
        l.source_id,
        CASE WHEN l.file_format = 'att' THEN t.status END AS basis,
        t.reporting_state_iso3,
        t.flow,
        t.supplier_iso3,
        t.supplier_actor_type,
        t.recipient_iso3,
        t.recipient_actor_type,
        coalesce(t.delivery_year, t.order_year) AS year,
        t.category,
        t.quantity,
        t.is_nil_report,
        t.classification,
        t.load_id,
        t.file_name
    FROM transfers AS t
    JOIN load_log AS l USING (load_id)
    WHERE l.file_format IN ('unroca', 'att')
),
mirrorable AS (
    SELECT *
    FROM register_lines
    WHERE NOT is_nil_report
      AND supplier_iso3 IS NOT NULL
      AND recipient_iso3 IS NOT NULL
      AND supplier_actor_type IN ('state', 'historical')
      AND recipient_actor_type IN ('state', 'historical')
),
per_pair AS (
    SELECT
        source_id,
        basis,
        supplier_iso3,
        recipient_iso3,
        year,
        category,
        count(*) FILTER (WHERE flow = 'export') AS exporter_lines,
        count(*) FILTER (WHERE flow = 'import') AS importer_lines,
        sum(quantity) FILTER (WHERE flow = 'export') AS exporter_reported_items,
        sum(quantity) FILTER (WHERE flow = 'import') AS importer_reported_items,
        max(
            CASE classification
                WHEN 'public' THEN 0
                WHEN 'restricted' THEN 1
                WHEN 'confidential' THEN 2
                ELSE 3
            END
        ) AS classification_rank,
        string_agg(DISTINCT load_id, '; ' ORDER BY load_id) FILTER (WHERE flow = 'export')
            AS exporter_load_ids,
        string_agg(DISTINCT load_id, '; ' ORDER BY load_id) FILTER (WHERE flow = 'import')
            AS importer_load_ids,
        string_agg(DISTINCT file_name, '; ' ORDER BY file_name) FILTER (WHERE flow = 'export')
            AS exporter_files,
        string_agg(DISTINCT file_name, '; ' ORDER BY file_name) FILTER (WHERE flow = 'import')
            AS importer_files
    FROM mirrorable
    GROUP BY source_id, basis, supplier_iso3, recipient_iso3, year, category
),
filed AS (
    -- Which State reported which flow for which year (lines or a nil report), per source and basis.
    SELECT DISTINCT source_id, basis, reporting_state_iso3, year, flow
    FROM register_lines
)
SELECT
    p.source_id,
    p.basis,
    p.supplier_iso3,
    p.recipient_iso3,
    p.year,
    p.category,
    p.exporter_lines,
    p.importer_lines,
    p.exporter_reported_items,
    p.importer_reported_items,
    p.exporter_reported_items - p.importer_reported_items AS discrepancy_items,
    p.exporter_lines > 0 AND p.importer_lines > 0 AS both_reported,
    CASE
        WHEN p.importer_lines = 0 THEN 'exporter_only'
        WHEN p.exporter_lines = 0 THEN 'importer_only'
        WHEN p.exporter_reported_items IS NULL OR p.importer_reported_items IS NULL
            THEN 'not_comparable'
        WHEN p.exporter_reported_items = p.importer_reported_items THEN 'match'
        ELSE 'mismatch'
    END AS status,
    CASE
        WHEN p.importer_lines = 0 THEN EXISTS (
            SELECT 1 FROM filed AS f
            WHERE f.source_id = p.source_id
              AND f.basis IS NOT DISTINCT FROM p.basis
              AND f.reporting_state_iso3 = p.recipient_iso3
              AND f.year = p.year
              AND f.flow = 'import'
        )
        WHEN p.exporter_lines = 0 THEN EXISTS (
            SELECT 1 FROM filed AS f
            WHERE f.source_id = p.source_id
              AND f.basis IS NOT DISTINCT FROM p.basis
              AND f.reporting_state_iso3 = p.supplier_iso3
              AND f.year = p.year
              AND f.flow = 'export'
        )
        ELSE true
    END AS other_side_reported,
    CASE p.classification_rank
        WHEN 0 THEN 'public'
        WHEN 1 THEN 'restricted'
        WHEN 2 THEN 'confidential'
        ELSE 'strictly_confidential'
    END AS classification,
    p.exporter_load_ids,
    p.importer_load_ids,
    p.exporter_files,
    p.importer_files
FROM per_pair AS p
ORDER BY p.source_id, p.basis, p.year, p.supplier_iso3, p.recipient_iso3, p.category;
COMMENT ON VIEW register_mirror_check IS 'Mirror check of the UN Register and ATT reports: for each supplier, recipient, year and harmonised category (ATT per basis), the items the exporter reported against the items the importer reported, the difference and a status (match, mismatch, exporter_only, importer_only, not_comparable when a side gave values only). Nil reports and lines with organisations or non-state actors are left out. Discrepancies are common and expected (different definitions, timing, reporting gaps); a mismatch is a question, not a finding.';
COMMENT ON COLUMN register_mirror_check.source_id IS 'Source of the reports (load_log.source_id): un_register or att_reports, or their synthetic demo sources.';
COMMENT ON COLUMN register_mirror_check.basis IS 'ATT only: authorized (authorisations granted in the year) or actual (transfers made); empty for the UN Register, which reports transfers made.';
COMMENT ON COLUMN register_mirror_check.supplier_iso3 IS 'Exporting State.';
COMMENT ON COLUMN register_mirror_check.recipient_iso3 IS 'Importing State.';
COMMENT ON COLUMN register_mirror_check.year IS 'Year reported: the delivery year, or for ATT basis authorized the authorisation year.';
COMMENT ON COLUMN register_mirror_check.category IS 'Harmonised category: I to VII or SALW.';
COMMENT ON COLUMN register_mirror_check.exporter_lines IS 'Export lines of the supplier for this recipient, year and category.';
COMMENT ON COLUMN register_mirror_check.importer_lines IS 'Import lines of the recipient for this supplier, year and category.';
COMMENT ON COLUMN register_mirror_check.exporter_reported_items IS 'Items the exporter reported; empty when it gave no number (no line, or values only).';
COMMENT ON COLUMN register_mirror_check.importer_reported_items IS 'Items the importer reported; empty when it gave no number (no line, or values only).';
COMMENT ON COLUMN register_mirror_check.discrepancy_items IS 'Exporter-reported minus importer-reported items; empty unless both sides gave a number.';
COMMENT ON COLUMN register_mirror_check.both_reported IS 'True when both the exporter and the importer reported lines for the pair, year and category.';
COMMENT ON COLUMN register_mirror_check.status IS 'match, mismatch, exporter_only, importer_only, or not_comparable when a side reported values but no number of items.';
COMMENT ON COLUMN register_mirror_check.other_side_reported IS 'For exporter_only and importer_only: true when the other State did report that flow for the year (lines or a nil report), so the gap is not just a missing report. Always true when both reported.';
COMMENT ON COLUMN register_mirror_check.classification IS 'Highest classification among the lines summed (register reports are public).';
COMMENT ON COLUMN register_mirror_check.exporter_load_ids IS 'Load batches of the export lines (load_log.load_id), separated by "; ".';
COMMENT ON COLUMN register_mirror_check.importer_load_ids IS 'Load batches of the import lines (load_log.load_id), separated by "; ".';
COMMENT ON COLUMN register_mirror_check.exporter_files IS 'Files of the export lines, separated by "; ".';
COMMENT ON COLUMN register_mirror_check.importer_files IS 'Files of the import lines, separated by "; ".';
