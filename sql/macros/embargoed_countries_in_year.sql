-- Present-day countries under a territorial UN arms embargo at any time in year Y, with the
-- embargoes concerned: used to highlight embargoed recipients on the Flows page.
CREATE MACRO embargoed_countries_in_year(y) AS TABLE
SELECT
    t.country_iso3,
    string_agg(DISTINCT e.short_name, '; ' ORDER BY e.short_name) AS embargoes
FROM embargo_target_codes AS t
JOIN embargoes AS e USING (embargo_id)
JOIN embargo_spans AS s USING (embargo_id)
WHERE s.in_force_from < make_date(CAST(y AS INTEGER) + 1, 1, 1)
  AND (s.in_force_until IS NULL OR s.in_force_until > make_date(CAST(y AS INTEGER), 1, 1))
  AND e.target_kind <> 'listed_parties'
GROUP BY t.country_iso3
ORDER BY t.country_iso3;
