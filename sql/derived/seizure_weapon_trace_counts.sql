-- Weapons documented per classification, country and year, grouped by which classifications of
-- trace requests established their origin: for each weapon line, the classifications of the
-- answered trace requests about its serial (and its event, when the request names one) that
-- named the last legal recipient or the diversion point. SDG 16.4.2 counts a weapon as traced
-- when the viewer may see one of those requests, so the indicator adds up a few thousand rows
-- instead of matching every weapon line to the trace requests on every call.
CREATE TABLE seizure_weapon_trace_counts AS
SELECT * FROM seizure_weapon_traces;
COMMENT ON TABLE seizure_weapon_trace_counts IS 'Weapon lines of seizure_item_facts counted per classification, country, year and the classifications of the trace requests that established their origin (trace_request_status.origin_established); refreshed after every load and build; SDG 16.4.2 reads it.';
COMMENT ON COLUMN seizure_weapon_trace_counts.classification IS 'Classification of the weapon lines counted.';
COMMENT ON COLUMN seizure_weapon_trace_counts.country_iso3 IS 'Country where the weapons were documented (ISO3).';
COMMENT ON COLUMN seizure_weapon_trace_counts.event_year IS 'Year of the seizure event.';
COMMENT ON COLUMN seizure_weapon_trace_counts.traced_in IS 'Classifications of the answered trace requests about these weapons that named the last legal recipient or the diversion point, in alphabetical order; empty when none did.';
COMMENT ON COLUMN seizure_weapon_trace_counts.weapon_lines IS 'Number of weapon lines counted.';
COMMENT ON COLUMN seizure_weapon_trace_counts.weapons IS 'Sum of quantity (1 when empty) over the lines counted.';
