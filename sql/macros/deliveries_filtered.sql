-- The deliveries behind the filtered transfers (transfers_filtered): one row per delivery
-- however many registers report it (its delivery_id), with its category (a Register category
-- where one report gives it, 'other' only when none does), its items once (the largest number a
-- report gives), its TIV (only the trade register gives one) and the reports that give it.
-- Deals with no delivery yet are left out.
CREATE MACRO deliveries_filtered(
    visible, supplier_codes, recipient_codes, categories, source_ids, year_from, year_to
) AS TABLE
SELECT
    t.delivery_id,
    t.supplier_iso3,
    t.recipient_iso3,
    first(t.supplier_name ORDER BY t.transfer_id) AS supplier_name,
    first(t.recipient_name ORDER BY t.transfer_id) AS recipient_name,
    t.delivery_year,
    first(t.category ORDER BY t.category = 'other', t.category) AS category,
    max(t.quantity) AS items,
    sum(t.value) FILTER (WHERE t.value_unit = 'TIV') AS tiv,
    count(*) AS register_lines,
    list(DISTINCT t.source_id ORDER BY t.source_id) AS source_ids
FROM transfers_filtered(
    visible, supplier_codes, recipient_codes, categories, source_ids, year_from, year_to
) AS t
WHERE t.delivery_year IS NOT NULL
GROUP BY t.delivery_id, t.supplier_iso3, t.recipient_iso3, t.delivery_year;
