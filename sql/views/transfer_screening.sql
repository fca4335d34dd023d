-- Screening of registered deliveries against UN arms embargo windows: one row per delivery and
-- embargo whose target it touches (recipient in the target territory, or supplier under an export
-- ban), with the kind of actor the recipient is. The window is the period in which the embargo
-- applied to that kind of actor; a delivery year is compared with it day by day:
--   outside_window      the measure did not apply to this recipient at any time in the year;
--   partial_overlap     the year straddles the start, end or a change of the measure;
--   exemption_check     the measure applied all year but an exemption procedure (prior
--                       notification or approval) or a conditional exemption could apply;
--   violation_indicator the measure prohibited such supplies all year and no exemption applied.
-- Regimes on listed parties are not screened here: matching recipients to listed parties needs
-- the sanctions list.
CREATE VIEW transfer_screening AS
WITH deliveries AS (
    SELECT
        t.*,
        make_date(t.delivery_year, 1, 1) AS year_start,
        make_date(t.delivery_year + 1, 1, 1) AS year_end
    FROM transfers AS t
    WHERE t.delivery_year IS NOT NULL AND NOT t.is_nil_report
      -- only lines that can touch a target (as below): every other line gives no row
      AND (t.recipient_iso3 IN (SELECT country_iso3 FROM embargo_target_codes)
           OR t.supplier_iso3 IN (SELECT country_iso3 FROM embargo_target_codes))
),
touches AS (
    SELECT
        d.transfer_id,
        t.embargo_id,
        'to_target' AS direction,
        CASE WHEN d.recipient_actor_type = 'non_state' THEN 'non_state' ELSE 'government' END
            AS actor_scope
    FROM deliveries AS d
    JOIN embargo_target_codes AS t ON t.country_iso3 = d.recipient_iso3
    WHERE d.recipient_actor_type IN ('state', 'historical', 'non_state')
    UNION ALL
    SELECT d.transfer_id, t.embargo_id, 'from_target', 'government'
    FROM deliveries AS d
    JOIN embargo_target_codes AS t ON t.country_iso3 = d.supplier_iso3
    WHERE d.supplier_actor_type IN ('state', 'historical')
      AND t.embargo_id IN (
          SELECT embargo_id FROM embargo_coverage WHERE direction = 'from_target'
      )
),
touch_years AS (
    -- what the coverage of a touch depends on: its embargo, direction, kind of recipient and
    -- delivery year, each once (a few hundred, against tens of thousands of touches: the
    -- ordered and distinct aggregates below took most of the view's time per touch)
    SELECT DISTINCT tc.embargo_id, tc.direction, tc.actor_scope, d.delivery_year, d.year_start,
        d.year_end
    FROM touches AS tc
    JOIN deliveries AS d USING (transfer_id)
),
periods AS (
    SELECT
        ty.embargo_id,
        ty.direction,
        ty.actor_scope,
        ty.delivery_year,
        c.coverage,
        c.coverage IN ('prohibited', 'approval', 'notification', 'exempt_if') AS active,
        c.valid_from,
        c.valid_to,
        c.citation,
        c.note,
        c.item_scope,
        ty.year_start < coalesce(c.valid_to, DATE '9999-12-31') AND c.valid_from < ty.year_end
            AS in_year,
        greatest(
            0,
            least(coalesce(c.valid_to, DATE '9999-12-31'), ty.year_end)
            - greatest(c.valid_from, ty.year_start)
        ) AS days_in_year,
        ty.year_start,
        ty.year_end
    FROM touch_years AS ty
    JOIN embargo_coverage AS c
        ON c.embargo_id = ty.embargo_id
       AND c.direction = ty.direction
       AND c.actor_scope = ty.actor_scope
),
per_touch AS (
    SELECT
        embargo_id,
        direction,
        actor_scope,
        delivery_year,
        sum(days_in_year) FILTER (WHERE active) AS active_days,
        list(DISTINCT coverage ORDER BY coverage) FILTER (WHERE active AND in_year)
            AS active_kinds,
        string_agg(DISTINCT citation, '; ' ORDER BY citation) FILTER (WHERE in_year)
            AS year_citations,
        string_agg(DISTINCT item_scope, '; ' ORDER BY item_scope) FILTER (WHERE active AND in_year)
            AS item_scopes,
        string_agg(DISTINCT note, '; ' ORDER BY note) FILTER (WHERE active AND in_year
                                                              AND coverage <> 'prohibited')
            AS exemption_notes,
        string_agg(DISTINCT coverage || ': ' || coalesce(note, 'no further detail') || ' ('
                   || citation || ')', '; '
                   ORDER BY coverage || ': ' || coalesce(note, 'no further detail') || ' ('
                   || citation || ')') FILTER (WHERE NOT active AND in_year)
            AS inactive_in_year,
        min(valid_from) FILTER (WHERE active) AS scope_from,
        max(coalesce(valid_to, DATE '9999-12-31')) FILTER (WHERE active) AS scope_to
    FROM periods
    GROUP BY embargo_id, direction, actor_scope, delivery_year
),
with_boundaries AS (
    SELECT
        p.*,
        (
            -- ordered by the date text itself: in an aggregate, ORDER BY 1 orders by the constant
            SELECT string_agg(
                DISTINCT strftime(b.boundary, '%Y-%m-%d'), ', '
                ORDER BY strftime(b.boundary, '%Y-%m-%d')
            )
            FROM (
                SELECT unnest([q.valid_from, q.valid_to]) AS boundary
                FROM periods AS q
                WHERE q.embargo_id = p.embargo_id AND q.direction = p.direction
                  AND q.actor_scope = p.actor_scope AND q.delivery_year = p.delivery_year
            ) AS b
            WHERE b.boundary > make_date(p.delivery_year, 1, 1)
              AND b.boundary < make_date(p.delivery_year + 1, 1, 1)
        ) AS changes_in_year
    FROM per_touch AS p
),
on_file AS (
    SELECT
        tc.transfer_id,
        tc.embargo_id,
        count(x.notification_id) AS notifications_on_file,
        string_agg(x.notification_id || ' (' || x.procedure || ', ' || x.decision || ')', '; '
                   ORDER BY x.notification_id) AS notifications
    FROM touches AS tc
    JOIN deliveries AS d USING (transfer_id)
    JOIN exemptions AS x
        ON x.embargo_id = tc.embargo_id
       AND x.submitting_state_iso3 IS NOT DISTINCT FROM d.supplier_iso3
       AND (x.recipient_iso3 IS NULL OR x.recipient_iso3 = d.recipient_iso3)
       AND year(x.date_submitted) BETWEEN d.delivery_year - 1 AND d.delivery_year
       AND x.decision <> 'withdrawn'  -- a withdrawn notification covers nothing
    GROUP BY tc.transfer_id, tc.embargo_id
),
judged AS (
    SELECT
        d.transfer_id,
        d.source_id,
        d.supplier_name,
        d.supplier_iso3,
        d.recipient_name,
        d.recipient_iso3,
        d.recipient_actor_type,
        trim(concat_ws(' ', d.designation, d.description)) AS weapon_description,
        d.delivery_year,
        d.quantity,
        e.embargo_id,
        e.short_name,
        e.start_date AS embargo_start,
        e.end_date AS embargo_end,
        tc.direction,
        tc.actor_scope,
        coalesce(p.active_days, 0) AS active_days,
        d.year_end <= sp.in_force_from
            OR (sp.in_force_until IS NOT NULL AND d.year_start >= sp.in_force_until)
            AS embargo_not_in_force,
        sp.in_force_from,
        sp.in_force_until,
        d.year_end - d.year_start AS year_days,
        p.active_kinds,
        p.year_citations,
        p.item_scopes,
        p.exemption_notes,
        p.inactive_in_year,
        p.scope_from,
        p.scope_to,
        p.changes_in_year,
        coalesce(f.notifications_on_file, 0) AS notifications_on_file,
        f.notifications,
        (SELECT ch.resolution FROM embargo_changes AS ch
         WHERE ch.embargo_id = e.embargo_id AND ch.change_kind = 'imposed') AS imposing_resolution,
        CASE tc.direction
            WHEN 'from_target' THEN 'supplies from ' || d.supplier_name
            WHEN 'to_target' THEN
                CASE tc.actor_scope
                    WHEN 'non_state' THEN d.recipient_name || ', a non-state actor'
                    ELSE d.recipient_name || ', a state recipient'
                END
        END AS party,
        d.classification,
        d.file_name,
        d.source_row_number,
        d.load_id
    FROM touches AS tc
    JOIN deliveries AS d USING (transfer_id)
    JOIN embargoes AS e USING (embargo_id)
    JOIN embargo_spans AS sp USING (embargo_id)
    LEFT JOIN with_boundaries AS p
        ON p.embargo_id = tc.embargo_id AND p.direction = tc.direction
       AND p.actor_scope = tc.actor_scope AND p.delivery_year = d.delivery_year
    LEFT JOIN on_file AS f USING (transfer_id, embargo_id)
)
SELECT
    transfer_id,
    source_id AS source,
    supplier_name AS supplier,
    supplier_iso3,
    recipient_name AS recipient,
    recipient_iso3,
    recipient_actor_type,
    weapon_description,
    delivery_year,
    quantity,
    embargo_id,
    embargo_start,
    embargo_end,
    CASE
        WHEN active_days = 0 THEN 'none'
        WHEN active_days >= year_days THEN 'full'
        ELSE 'partial'
    END AS window_overlap,
    CASE
        WHEN active_days = 0 THEN 'outside_window'
        WHEN active_days < year_days THEN 'partial_overlap'
        WHEN active_kinds = ['prohibited'] THEN 'violation_indicator'
        ELSE 'exemption_check'
    END AS verdict,
    CASE
        WHEN active_days = 0 AND embargo_not_in_force THEN format(
            'Delivered in {} ({}): the {} embargo was not in force that year (in force from {}{}).',
            delivery_year, party, short_name, in_force_from,
            CASE WHEN in_force_until IS NULL THEN ''
                 ELSE ' until ' || strftime(in_force_until, '%Y-%m-%d') END)
        WHEN active_days = 0 AND inactive_in_year IS NOT NULL THEN format(
            'Delivered in {} ({}): outside the scope of the {} embargo that year - {}.',
            delivery_year, party, short_name, inactive_in_year)
        WHEN active_days = 0 AND scope_from IS NOT NULL THEN format(
            'Delivered in {} ({}): outside the period in which the {} embargo applied to it ({} to {}).',
            delivery_year, party, short_name, scope_from,
            CASE WHEN scope_to = DATE '9999-12-31' THEN 'today' ELSE strftime(scope_to, '%Y-%m-%d') END)
        WHEN active_days = 0 THEN format(
            'Delivered in {} ({}): the {} embargo never applied to this kind of recipient.',
            delivery_year, party, short_name)
        WHEN active_days < year_days THEN format(
            'Delivery year {} ({}) straddles a start, end or change of the {} embargo ({}): it applied on {} of the {} days, so the year alone cannot place the delivery inside or outside the window.',
            delivery_year, party, short_name, coalesce(changes_in_year, 'within the year'),
            active_days, year_days)
        WHEN active_kinds = ['prohibited'] THEN format(
            'Delivered in {} ({}) while the {} embargo prohibited such supplies all year ({}); no exemption procedure applied.',
            delivery_year, party, short_name, item_scopes)
        ELSE format(
            'Delivered in {} ({}) while the {} embargo applied with an exemption route ({}): {}; {}.',
            delivery_year, party, short_name,
            array_to_string(list_transform(list_filter(active_kinds, k -> k <> 'prohibited'),
                k -> CASE k WHEN 'approval' THEN 'prior approval'
                            WHEN 'notification' THEN 'prior notification'
                            ELSE 'exempt under a condition' END), ' / '),
            coalesce(exemption_notes, 'see the resolution'),
            CASE WHEN notifications_on_file = 0
                 THEN 'no matching notification or approval is on file'
                 ELSE notifications_on_file || ' matching notification(s) on file: ' || notifications
            END)
    END AS reason,
    CASE
        WHEN active_days = 0 AND embargo_not_in_force THEN 'embargo not in force that year'
        WHEN active_days = 0 AND inactive_in_year IS NOT NULL
            THEN 'recipient outside the scope that year'
        WHEN active_days = 0 AND scope_from IS NOT NULL
            THEN 'outside the period the embargo covered this kind of recipient'
        WHEN active_days = 0 THEN 'embargo never covered this kind of recipient'
        WHEN active_days < year_days THEN 'delivery year straddles a start, end or change'
        WHEN active_kinds = ['prohibited'] THEN 'prohibited all year, no exemption route'
        WHEN notifications_on_file = 0 THEN 'exemption route, nothing on file'
        ELSE 'exemption route, notification on file'
    END AS reason_kind,
    array_to_string(
        list_concat(
            [imposing_resolution],
            list_sort(list_distinct(list_filter(
                string_split(coalesce(year_citations, ''), '; '),
                c -> c <> '' AND c <> imposing_resolution
            )))
        ),
        '; '
    ) AS citation,
    direction,
    actor_scope,
    notifications_on_file,
    classification,
    file_name,
    source_row_number,
    load_id
FROM judged;
COMMENT ON VIEW transfer_screening IS 'Registered deliveries screened against UN arms embargo windows: one row per delivery and embargo whose target it touches, with verdict (violation_indicator, exemption_check, partial_overlap, outside_window), a one-sentence reason and the resolutions cited.';
