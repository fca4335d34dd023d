-- Mirror check rows a viewer may see (every line behind a row within the clearance), narrowed by
-- the Transfers page filters; empty lists mean "all". Largest discrepancies first.
CREATE MACRO register_mirror_filtered(
    visible, supplier_codes, recipient_codes, categories, year_from, year_to
) AS TABLE
WITH wanted AS (
    SELECT
        CAST(visible AS VARCHAR[]) AS visible,
        CAST(supplier_codes AS VARCHAR[]) AS suppliers,
        CAST(recipient_codes AS VARCHAR[]) AS recipients,
        CAST(categories AS VARCHAR[]) AS categories
)
SELECT m.*
FROM register_mirror_check AS m, wanted AS w
WHERE list_contains(w.visible, m.classification)
  AND (len(w.suppliers) = 0 OR list_contains(w.suppliers, m.supplier_iso3))
  AND (len(w.recipients) = 0 OR list_contains(w.recipients, m.recipient_iso3))
  AND (len(w.categories) = 0 OR list_contains(w.categories, m.category))
  AND m.year BETWEEN year_from AND year_to
ORDER BY abs(coalesce(m.discrepancy_items, 0)) DESC, m.year DESC, m.supplier_iso3,
         m.recipient_iso3;
