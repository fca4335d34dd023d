-- Brokering licences screened against UN arms embargo windows: one row per licence a State
-- issued and embargo whose target the destination is. The decision date is a day, so it falls
-- inside or outside the window; there is no partial overlap:
--   violation_indicator the measure prohibited such supplies on that day, with no exemption
--                       route: a licence to broker them is worth a look;
--   exemption_check     the measure applied with an exemption procedure (prior notification
--                       or approval) or a conditional exemption;
--   outside_window      the measure did not apply to this destination and end user that day.
-- The end user decides the scope: a non-state actor falls under the measures on non-state
-- actors, any other end user (or none named) under those on the State and its forces. A later
-- revocation of the licence is said in the reason; refused licences are not screened.
CREATE VIEW brokering_screening AS
WITH issued AS (
    SELECT
        b.*,
        CASE WHEN b.end_user_actor_type = 'non_state' THEN 'non_state' ELSE 'government' END
            AS actor_scope,
        (SELECT min(r.decision_date) FROM brokering_records AS r
         WHERE r.reporting_state_iso3 = b.reporting_state_iso3
           AND r.licence_id = b.licence_id AND r.decision = 'revoked') AS revoked_on
    FROM brokering_records AS b
    WHERE b.decision = 'issued'
),
on_day AS (
    SELECT
        i.reporting_state_iso3,
        i.licence_id,
        t.embargo_id,
        list(DISTINCT c.coverage ORDER BY c.coverage) FILTER (
            WHERE c.coverage IN ('prohibited', 'approval', 'notification', 'exempt_if')
        ) AS active_kinds,
        string_agg(DISTINCT c.citation, '; ' ORDER BY c.citation) AS day_citations,
        string_agg(DISTINCT c.item_scope, '; ' ORDER BY c.item_scope) FILTER (
            WHERE c.coverage IN ('prohibited', 'approval', 'notification', 'exempt_if')
        ) AS item_scopes
    FROM issued AS i
    JOIN embargo_target_codes AS t ON t.country_iso3 = i.destination_country_iso3
    LEFT JOIN embargo_coverage AS c
        ON c.embargo_id = t.embargo_id
       AND c.direction = 'to_target'
       AND c.actor_scope = i.actor_scope
       AND c.valid_from <= i.decision_date
       AND (c.valid_to IS NULL OR i.decision_date < c.valid_to)
    GROUP BY i.reporting_state_iso3, i.licence_id, t.embargo_id
),
judged AS (
    SELECT
        i.*,
        d.embargo_id,
        e.short_name,
        d.active_kinds,
        d.item_scopes,
        d.day_citations,
        i.decision_date < sp.in_force_from
            OR (sp.in_force_until IS NOT NULL AND i.decision_date >= sp.in_force_until)
            AS embargo_not_in_force,
        (SELECT ch.resolution FROM embargo_changes AS ch
         WHERE ch.embargo_id = e.embargo_id AND ch.change_kind = 'imposed') AS imposing_resolution
    FROM issued AS i
    JOIN on_day AS d USING (reporting_state_iso3, licence_id)
    JOIN embargoes AS e USING (embargo_id)
    JOIN embargo_spans AS sp USING (embargo_id)
)
SELECT
    licence_id,
    reporting_state_iso3,
    broker_name,
    broker_country_iso3,
    source_country_iso3,
    destination_country_iso3,
    end_user,
    end_user_actor_type,
    category,
    description,
    quantity,
    value,
    currency,
    decision_date,
    revoked_on,
    embargo_id,
    actor_scope,
    CASE
        WHEN embargo_not_in_force OR active_kinds IS NULL OR len(active_kinds) = 0
            THEN 'outside_window'
        WHEN active_kinds = ['prohibited'] THEN 'violation_indicator'
        ELSE 'exemption_check'
    END AS verdict,
    CASE
        WHEN embargo_not_in_force THEN 'embargo not in force on the decision date'
        WHEN active_kinds IS NULL OR len(active_kinds) = 0
            THEN 'outside the scope on the decision date'
        WHEN active_kinds = ['prohibited'] THEN 'prohibited on the decision date, no exemption route'
        ELSE 'exemption route on the decision date'
    END AS reason_kind,
    format(
        'Licence {} of {} for brokering {} to {} issued on {}: {}{}.',
        licence_id, reporting_state_iso3, coalesce(description, category, 'items'),
        destination_country_iso3, decision_date,
        CASE
            WHEN embargo_not_in_force THEN 'the ' || short_name || ' embargo was not in force'
            WHEN active_kinds IS NULL OR len(active_kinds) = 0
                THEN 'outside the scope of the ' || short_name || ' embargo that day'
            WHEN active_kinds = ['prohibited']
                THEN 'the ' || short_name || ' embargo prohibited such supplies that day ('
                     || coalesce(item_scopes, 'arms and related materiel')
                     || '), with no exemption route'
            ELSE 'the ' || short_name || ' embargo applied with an exemption route that day'
        END,
        CASE WHEN revoked_on IS NULL THEN ''
             ELSE '; the licence was revoked on ' || strftime(revoked_on, '%Y-%m-%d') END
    ) AS reason,
    array_to_string(
        list_concat(
            [imposing_resolution],
            list_sort(list_distinct(list_filter(
                string_split(coalesce(day_citations, ''), '; '),
                c -> c <> '' AND c <> imposing_resolution
            )))
        ),
        '; '
    ) AS citation,
    classification,
    file_name,
    source_row_number,
    load_id
FROM judged;
COMMENT ON VIEW brokering_screening IS 'Brokering licences issued, screened against UN arms embargo windows on the decision date: one row per licence and embargo whose target is the destination, with verdict (violation_indicator, exemption_check, outside_window), the kind of reason, a one-sentence reason (with a later revocation) and the resolutions cited.';
