-- Items and ammunition lots documented in an embargoed territory while the embargo was in force,
-- whose year of manufacture (or headstamp year) is known, with whether they were made after the
-- embargo began. An item made in a calendar year after the embargo's start cannot have been in
-- the territory before the embargo:
-- it is fresh supply. Items made in the start year itself are counted as not fresh (ambiguous).
-- The items as the warehouse knows them (as seizure_item_facts_known): the stored facts, or those
-- known on the "as known on" date.
CREATE VIEW fresh_supply_items AS
SELECT
    e.embargo_id,
    e.short_name AS embargo_short_name,
    e.start_date AS embargo_start,
    f.item_line_uid,
    f.item_uid,
    f.event_uid,
    f.event_date,
    f.country_iso3,
    f.reporting_entity,
    f.item_kind,
    f.category,
    f.manufacturer,
    f.model,
    f.calibre,
    f.serial_number,
    f.lot_number,
    f.headstamp_factory,
    f.country_of_manufacture,
    f.manufacture_year,
    f.manufacture_year > year(e.start_date) AS made_after_embargo_start,
    f.source_document,
    f.classification,
    f.file_name,
    f.source_row_number
FROM (
    -- as seizure_item_facts_known (only one side is read), written out so that the stored
    -- table is named here: a small load's refresh reads this query over its new rows
    SELECT * FROM seizure_item_facts_stored WHERE getvariable('known_on') IS NULL
    UNION ALL BY NAME
    SELECT * FROM seizure_item_facts_as_known
) AS f
JOIN embargo_target_codes AS t ON t.country_iso3 = f.country_iso3
JOIN embargoes AS e ON e.embargo_id = t.embargo_id
JOIN embargo_spans AS s ON s.embargo_id = e.embargo_id
WHERE e.target_kind <> 'listed_parties'
  AND f.manufacture_year IS NOT NULL
  AND f.event_date >= s.in_force_from
  AND (s.in_force_until IS NULL OR f.event_date < s.in_force_until)
  AND f.item_kind IN ('weapon', 'ammunition');
COMMENT ON VIEW fresh_supply_items IS 'Items and ammunition lots documented in an embargoed territory after the embargo began, with a known year of manufacture or headstamp year, and whether they were made after the embargo started (fresh supply).';
