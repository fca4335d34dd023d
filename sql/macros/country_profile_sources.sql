-- Which loaded files each block of a country profile draws on (embargoes, transfers, seizures,
-- traces, findings, listed parties, conflict events), counting the rows a viewer may see of the
-- country in [year_from, year_to]: source, file, load date, rows used and the classifications
-- among them (public for the reference tables).
CREATE MACRO country_profile_sources(visible, country, year_from, year_to) AS TABLE
WITH used AS (
    SELECT 'embargoes' AS block, load_id, 'public' AS classification, count(*) AS rows_used
    FROM embargoes WHERE embargo_id IN
        (SELECT embargo_id FROM embargo_target_codes WHERE country_iso3 = country)
    GROUP BY ALL
    UNION ALL
    SELECT 'embargoes', load_id, 'public', count(*) FROM embargo_changes
    WHERE embargo_id IN
        (SELECT embargo_id FROM embargo_target_codes WHERE country_iso3 = country)
    GROUP BY ALL
    UNION ALL
    SELECT 'transfers', load_id, classification, count(*) FROM transfers
    WHERE recipient_iso3 = country AND delivery_year IS NOT NULL AND NOT is_nil_report
      AND list_contains(visible, classification)
    GROUP BY ALL
    UNION ALL
    SELECT 'seizures', load_id, classification, count(*) FROM seizure_item_facts_known
    WHERE country_iso3 = country AND event_year BETWEEN year_from AND year_to
      AND list_contains(visible, classification)
    GROUP BY ALL
    UNION ALL
    SELECT 'traces', t.load_id, t.classification, count(*)
    FROM trace_requests AS t JOIN seizure_events_known AS e USING (event_uid)
    WHERE e.country_iso3 = country AND year(t.date_sent) BETWEEN year_from AND year_to
      AND list_contains(visible, t.classification)
      -- the event gives the request its country: both must be visible
      AND list_contains(visible, e.classification)
    GROUP BY ALL
    UNION ALL
    SELECT 'findings', load_id, classification, count(*) FROM panel_findings
    WHERE (target_iso3 = country OR embargo_id IN
            (SELECT embargo_id FROM embargo_target_codes WHERE country_iso3 = country))
      AND year(document_date) BETWEEN year_from AND year_to
      AND list_contains(visible, classification)
    GROUP BY ALL
    UNION ALL
    SELECT 'parties', load_id, classification, count(*) FROM sanctioned_parties
    WHERE embargo_id IN
            (SELECT embargo_id FROM embargo_target_codes WHERE country_iso3 = country)
      AND list_contains(visible, classification)
    GROUP BY ALL
    UNION ALL
    SELECT 'conflict', load_id, classification, count(*) FROM conflict_events
    WHERE country_iso3 = country AND year(event_date) BETWEEN year_from AND year_to
      AND list_contains(visible, classification)
    GROUP BY ALL
)
SELECT u.block, s.source_id, s.title, s.citation, s.citation_fr, s.is_synthetic, l.file_name,
       l.finished_at AS loaded_at, sum(u.rows_used) AS rows_used,
       list_sort(list(DISTINCT u.classification)) AS classifications
FROM used AS u
JOIN load_log AS l USING (load_id)
JOIN source_registry AS s ON s.source_id = l.source_id
GROUP BY ALL ORDER BY u.block, s.is_synthetic, s.source_id, l.file_name;
