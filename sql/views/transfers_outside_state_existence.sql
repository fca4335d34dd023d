-- Data problems: register lines naming a delivery to (or from) a state in a year wholly before it
-- came into being or after it ceased (state_existence), e.g. a delivery to South Sudan in 2009.
-- The line may give the wrong year, or a successor or predecessor state under the wrong name.
CREATE VIEW transfers_outside_state_existence AS
SELECT
    t.transfer_id,
    t.source_id,
    t.party,
    t.country_iso3,
    t.supplier_name,
    t.recipient_name,
    t.delivery_year,
    x.exists_from,
    x.exists_until,
    CASE
        WHEN t.delivery_year < year(x.exists_from) THEN format(
            'Delivered in {} to or from {}, which came into being on {} ({}).',
            t.delivery_year, c.country_name, strftime(x.exists_from, '%Y-%m-%d'), x.note)
        ELSE format(
            'Delivered in {} to or from {}, which ceased to exist on {} ({}).',
            t.delivery_year, c.country_name, strftime(x.exists_until, '%Y-%m-%d'), x.note)
    END AS problem,
    t.classification,
    t.file_name,
    t.source_row_number,
    t.load_id
FROM (
    -- each line once as delivered to its recipient and once as delivered from its supplier: two
    -- scans, so that a filter on the country reaches each scan (a lateral join of both parties to
    -- every line made two rows of each of a million lines before any filter)
    SELECT 'recipient' AS party, recipient_iso3 AS country_iso3, * FROM transfers
    UNION ALL
    SELECT 'supplier', supplier_iso3, * FROM transfers
) AS t
JOIN state_existence AS x ON x.country_iso3 = t.country_iso3
JOIN countries AS c ON c.country_iso3 = t.country_iso3
WHERE t.delivery_year IS NOT NULL
  AND NOT t.is_nil_report
  AND (t.delivery_year < year(x.exists_from)
       OR t.delivery_year > year(CAST(x.exists_until - INTERVAL 1 DAY AS DATE)));
COMMENT ON VIEW transfers_outside_state_existence IS 'Data problems: transfer lines dated in a year wholly before the recipient or supplier state came into being or after it ceased (state_existence), with the reason.';
