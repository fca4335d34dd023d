-- SDG indicator 16.4.2 by country and year, as its custodians define it: the proportion of
-- seized, found or surrendered arms whose illicit origin or context has been traced or
-- established. Denominator: weapons documented in the country and year (items of item_kind
-- weapon, any seizure context). Numerator: those weapons for which a trace request the viewer
-- may see was answered and named the last legal recipient or the diversion point. Reads the
-- weapons counted with the classifications of their tracing (seizure_weapon_traces_known: the
-- stored counts, or those of the trace requests known on the session's known_on date).
CREATE MACRO sdg_16_4_2(visible) AS TABLE
SELECT
    country_iso3,
    event_year AS year,
    coalesce(
        sum(weapons) FILTER (WHERE list_has_any(traced_in, CAST(visible AS VARCHAR[]))), 0
    ) AS numerator,
    sum(weapons) AS denominator,
    round(
        coalesce(
            sum(weapons) FILTER (WHERE list_has_any(traced_in, CAST(visible AS VARCHAR[]))), 0
        ) / sum(weapons),
        4
    ) AS proportion
FROM seizure_weapon_traces_known
WHERE list_contains(CAST(visible AS VARCHAR[]), classification)
GROUP BY country_iso3, event_year
ORDER BY country_iso3, year;
