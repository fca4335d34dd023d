-- The weapon counts SDG 16.4.2 reads: the stored seizure_weapon_trace_counts, or, when an "as
-- known on" date is chosen (session variable known_on), the counts computed afresh from the trace
-- requests known on that date. The variable is a constant of the query: only one side is read.
CREATE VIEW seizure_weapon_traces_known AS
SELECT * FROM seizure_weapon_trace_counts WHERE getvariable('known_on') IS NULL
UNION ALL
SELECT * FROM seizure_weapon_traces WHERE getvariable('known_on') IS NOT NULL;
COMMENT ON VIEW seizure_weapon_traces_known IS 'Weapons documented per classification, country, year and the classifications of the trace requests that established their origin: the stored counts, or, with an "as known on" date, those computed from the trace requests known then.';
