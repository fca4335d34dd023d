-- Emerging hotspots: grid cells whose seizure events in the last recent_months (up to as_of)
-- rise significantly above their own baseline, the baseline_months before that.
-- Test: one-sided Poisson test of the recent count against the count expected from the cell's
-- baseline rate, expected = baseline events x recent_months / baseline_months, floored at 0.5 so
-- a cell with no history needs several events to stand out. p = P(X >= observed | Poisson).
-- A cell is flagged when observed >= 3 and p < 0.01. Each cell is named by the admin-1 area and
-- the nearest town most of its events have (seizure_event_places).
CREATE MACRO emerging_hotspots(
    visible, contexts, categories, entities, cell_degrees, as_of, recent_months, baseline_months,
    countries, areas, near_lat, near_lon, near_km
) AS TABLE
WITH bounds AS (
    SELECT
        CAST(as_of AS DATE) AS window_end,
        CAST(CAST(as_of AS DATE) - to_months(CAST(recent_months AS INTEGER)) AS DATE)
            AS recent_start,
        CAST(CAST(as_of AS DATE)
             - to_months(CAST(recent_months AS INTEGER) + CAST(baseline_months AS INTEGER))
             AS DATE) AS baseline_start
),
located AS (
    -- each located event once (its counted rows, one per classification and category, added
    -- up): a cell counts its events without a distinct count, is named after most of its events,
    -- and the places are joined once per event
    SELECT
        floor(f.latitude / cell_degrees) * cell_degrees + cell_degrees / 2 AS cell_lat,
        floor(f.longitude / cell_degrees) * cell_degrees + cell_degrees / 2 AS cell_lon,
        f.event_uid,
        f.event_date,
        f.country_iso3,
        p.admin1_area,
        p.nearest_place,
        p.nearest_place_fr
    FROM (
        SELECT
            event_uid,
            any_value(latitude) AS latitude,
            any_value(longitude) AS longitude,
            any_value(event_date) AS event_date,
            any_value(country_iso3) AS country_iso3
        FROM seizure_counts_filtered(
            visible, DATE '1900-01-01', DATE '2999-12-31', contexts, categories, entities,
            countries, areas, near_lat, near_lon, near_km
        )
        WHERE latitude IS NOT NULL AND longitude IS NOT NULL
        GROUP BY event_uid
    ) AS f
    LEFT JOIN seizure_event_places_known AS p USING (event_uid)
),
per_cell AS (
    SELECT
        l.cell_lat,
        l.cell_lon,
        count(*) FILTER (
            WHERE l.event_date >= b.recent_start AND l.event_date < b.window_end) AS observed,
        count(*) FILTER (
            WHERE l.event_date >= b.baseline_start AND l.event_date < b.recent_start)
            AS baseline_events,
        string_agg(DISTINCT l.country_iso3, ', ' ORDER BY l.country_iso3) AS countries,
        mode(l.admin1_area) AS admin1_area,
        mode(l.nearest_place) AS nearest_place,
        mode(l.nearest_place_fr) AS nearest_place_fr
    FROM located AS l, bounds AS b
    GROUP BY l.cell_lat, l.cell_lon
),
tested AS (
    SELECT
        *,
        baseline_events * CAST(recent_months AS DOUBLE) / CAST(baseline_months AS DOUBLE)
            AS expected,
        greatest(
            baseline_events * CAST(recent_months AS DOUBLE) / CAST(baseline_months AS DOUBLE),
            0.5
        ) AS poisson_mean
    FROM per_cell
    WHERE observed > 0
)
SELECT
    cell_lat,
    cell_lon,
    tested.countries AS countries, -- qualified: bare, it would name the parameter
    admin1_area,
    nearest_place,
    nearest_place_fr,
    observed,
    baseline_events,
    round(expected, 2) AS expected,
    round(observed / poisson_mean, 2) AS ratio,
    greatest(
        0.0,
        1.0 - list_sum(list_transform(
            range(observed),
            i -> exp(-poisson_mean + i * ln(poisson_mean) - lgamma(i + 1))
        ))
    ) AS p_value,
    observed >= 3 AND greatest(
        0.0,
        1.0 - list_sum(list_transform(
            range(observed),
            i -> exp(-poisson_mean + i * ln(poisson_mean) - lgamma(i + 1))
        ))
    ) < 0.01 AS emerging
FROM tested
ORDER BY emerging DESC, p_value, observed DESC;
