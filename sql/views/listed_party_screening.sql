-- Registered deliveries to a party that a person has linked to a listed party of the UN
-- sanctions list (party_links, decision confirmed; unconfirmed candidates never count), screened
-- against the arms embargo the party's regime carries, by the party's own listing date (the
-- listing as known, sanctioned_parties_known: with an "as known on" date, the list known then):
--   outside_window      delivered in a year before the party was listed, after the year it was
--                       delisted, outside the embargo, or when the regime had no arms embargo
--                       (the regime's embargo of the delivery year comes from
--                       un_sanctions_regime_periods);
--   partial_overlap     delivered in the year the party was listed (or delisted), which the
--                       listing date splits;
--   violation_indicator delivered in a later year while the party was listed and the embargo
--                       applied.
-- Deliveries by a listed party (as supplier) are not screened: the embargoes on listed parties
-- prohibit supplies to them.
CREATE VIEW listed_party_screening AS
WITH linked AS (
    SELECT
        t.transfer_id,
        t.source_id,
        t.supplier_name,
        t.supplier_iso3,
        t.recipient_name,
        t.recipient_iso3,
        t.recipient_actor_type,
        t.description,
        t.delivery_year,
        t.quantity,
        -- the row shows the delivery and the listed party: the more sensitive of the two
        more_sensitive(t.classification, p.classification) AS classification,
        p.reference_number,
        p.name AS listed_name,
        p.un_list_type,
        l.regime_id,
        p.listed_on,
        p.delisted_on,
        p.embargo_id AS listed_embargo_id,
        k.decided_by,
        k.decided_at
    FROM transfers AS t
    JOIN party_links AS k
      ON k.decision = 'confirmed'
     AND k.party_name_normalized = lower(trim(regexp_replace(t.recipient_name, '\s+', ' ', 'g')))
    JOIN sanctioned_parties_known AS p ON p.reference_number = k.reference_number
    LEFT JOIN un_list_types AS l ON l.un_list_type = p.un_list_type
    WHERE t.delivery_year IS NOT NULL AND NOT t.is_nil_report
),
-- The regime's embargoes in the delivery year (un_sanctions_regime_periods): the one its listed
-- parties fall under today when it applied that year, else the latest that did; none when the
-- regime had no arms embargo that year.
dated AS (
    SELECT
        k.*,
        (
            SELECT arg_max(r.embargo_id, (r.embargo_id = k.listed_embargo_id, r.valid_from))
            FROM un_sanctions_regime_periods AS r
            WHERE r.regime_id = k.regime_id
              AND r.embargo_id IS NOT NULL
              AND r.valid_from < make_date(k.delivery_year + 1, 1, 1)
              AND coalesce(r.valid_to, DATE '9999-12-31') > make_date(k.delivery_year, 1, 1)
        ) AS embargo_id
    FROM linked AS k
),
embargoed AS (
    SELECT
        d.*,
        e.imposed_by,
        e.start_date AS embargo_start,
        e.end_date AS embargo_end
    FROM dated AS d
    LEFT JOIN embargoes AS e USING (embargo_id)
),
judged AS (
    SELECT
        *,
        CASE
            WHEN embargo_id IS NULL THEN 'outside_window'
            WHEN listed_on IS NULL OR delivery_year < year(listed_on) THEN 'outside_window'
            WHEN delisted_on IS NOT NULL AND delivery_year > year(delisted_on) THEN 'outside_window'
            WHEN delivery_year < year(embargo_start)
              OR (embargo_end IS NOT NULL AND delivery_year > year(embargo_end))
                THEN 'outside_window'
            WHEN delivery_year = year(listed_on)
              OR (delisted_on IS NOT NULL AND delivery_year = year(delisted_on))
              OR delivery_year = year(embargo_start)
              OR delivery_year = year(embargo_end)
                THEN 'partial_overlap'
            ELSE 'violation_indicator'
        END AS verdict
    FROM embargoed
)
SELECT
    transfer_id,
    source_id AS source,
    supplier_name AS supplier,
    supplier_iso3,
    recipient_name AS recipient,
    recipient_iso3,
    recipient_actor_type,
    description AS weapon_description,
    delivery_year,
    quantity,
    reference_number,
    listed_name,
    un_list_type,
    regime_id,
    listed_on,
    delisted_on,
    embargo_id,
    embargo_start,
    embargo_end,
    CASE verdict
        WHEN 'violation_indicator' THEN 'full'
        WHEN 'partial_overlap' THEN 'partial'
        ELSE 'none'
    END AS window_overlap,
    verdict,
    CASE
        WHEN embargo_id IS NULL THEN format(
            'Delivered in {} to {}, linked to {} {} ({}), whose regime had no arms embargo that '
            || 'year.',
            delivery_year, recipient_name, reference_number, listed_name, un_list_type)
        ELSE format(
            'Delivered in {} to {}, linked (confirmed by {} on {}) to {} {}, listed on {} under '
            || 'the {} regime{}: {}.',
            delivery_year, recipient_name, decided_by, strftime(decided_at, '%Y-%m-%d'),
            reference_number, listed_name, coalesce(strftime(listed_on, '%Y-%m-%d'), 'an unknown date'),
            un_list_type,
            CASE WHEN delisted_on IS NULL THEN ''
                 ELSE format(', delisted on {}', strftime(delisted_on, '%Y-%m-%d')) END,
            CASE verdict
                WHEN 'violation_indicator' THEN 'the arms embargo on listed parties applied all year'
                WHEN 'partial_overlap' THEN 'the listing or the embargo began or ended that year'
                ELSE 'the delivery year lies outside the listing or the embargo'
            END)
    END AS reason,
    concat_ws('; ', reference_number, imposed_by) AS citation,
    classification
FROM judged;
COMMENT ON VIEW listed_party_screening IS 'Registered deliveries to a party linked by a person (party_links, confirmed) to a listed party of the UN sanctions list, screened against the arms embargo of its regime from the party''s listing date: verdict outside_window, partial_overlap or violation_indicator, the reason with the listing reference, and the citation (reference number and the resolution imposing the embargo). Unconfirmed candidates never count.';
