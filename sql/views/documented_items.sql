-- One row per physical item documented in the field: its sightings across events and entities.
CREATE VIEW documented_items AS
WITH sightings AS (
    SELECT
        coalesce(i.item_uid, i.item_line_uid) AS item_uid,
        i.item_line_uid,
        i.item_kind,
        i.serial_normalized,
        i.manufacturer,
        i.model,
        i.country_of_manufacture,
        i.year_of_manufacture,
        e.event_date,
        e.reporting_entity,
        e.country_iso3,
        -- a sighting shows its event too: the more sensitive of the line and its event
        list_position(
            ['public', 'restricted', 'confidential', 'strictly_confidential'],
            more_sensitive(i.classification, e.classification)
        ) - 1 AS sensitivity
    FROM seizure_items AS i
    JOIN seizure_events AS e USING (event_uid)
),
per_item AS (
    SELECT
        item_uid,
        arg_min(item_kind, (event_date, item_line_uid)) AS item_kind,
        any_value(serial_normalized) AS serial_normalized,
        arg_min(manufacturer, (event_date, item_line_uid))
            FILTER (WHERE manufacturer IS NOT NULL) AS manufacturer,
        arg_min(model, (event_date, item_line_uid)) FILTER (WHERE model IS NOT NULL) AS model,
        arg_min(country_of_manufacture, (event_date, item_line_uid))
            FILTER (WHERE country_of_manufacture IS NOT NULL) AS country_of_manufacture,
        arg_min(year_of_manufacture, (event_date, item_line_uid))
            FILTER (WHERE year_of_manufacture IS NOT NULL) AS year_of_manufacture,
        min(event_date) AS first_seen,
        max(event_date) AS last_seen,
        count(*) AS sightings,
        string_agg(DISTINCT reporting_entity, '; ' ORDER BY reporting_entity) AS reporting_entities,
        string_agg(DISTINCT country_iso3, '; ' ORDER BY country_iso3) AS countries_iso3,
        list(item_line_uid ORDER BY event_date, item_line_uid) AS item_line_uids,
        max(sensitivity) AS sensitivity
    FROM sightings
    GROUP BY item_uid
)
SELECT
    item_uid,
    item_kind,
    serial_normalized,
    manufacturer,
    model,
    country_of_manufacture,
    year_of_manufacture,
    first_seen,
    last_seen,
    sightings,
    reporting_entities,
    countries_iso3,
    item_line_uids,
    ['public', 'restricted', 'confidential', 'strictly_confidential'][sensitivity + 1]
        AS classification
FROM per_item;
COMMENT ON VIEW documented_items IS 'One row per physical item documented in seizure and recovery records: a serialised item (item_uid: serial, manufacturer and model) seen in several events or by several entities is one row with all its sightings; an item line without serial number is a row of its own (item_uid = its item_line_uid). Manufacturer, model, country and year of manufacture are those of the earliest sighting that gives them; classification is the most sensitive of its sightings (each as sensitive as the more sensitive of its line and its event).';
COMMENT ON COLUMN documented_items.item_uid IS 'Identity of the item: seizure_items.item_uid, or the item_line_uid of a line without serial number.';
COMMENT ON COLUMN documented_items.item_kind IS 'weapon, ammunition, part, explosive or other (earliest sighting).';
COMMENT ON COLUMN documented_items.serial_normalized IS 'Serial number in upper case without spaces, dashes, slashes or dots; empty without serial.';
COMMENT ON COLUMN documented_items.manufacturer IS 'Manufacturer as marked, from the earliest sighting that gives it.';
COMMENT ON COLUMN documented_items.model IS 'Model as marked, from the earliest sighting that gives it.';
COMMENT ON COLUMN documented_items.country_of_manufacture IS 'Country of manufacture (ISO3), from the earliest sighting that gives it.';
COMMENT ON COLUMN documented_items.year_of_manufacture IS 'Year of manufacture, from the earliest sighting that gives it.';
COMMENT ON COLUMN documented_items.first_seen IS 'Earliest event_date among the sightings.';
COMMENT ON COLUMN documented_items.last_seen IS 'Latest event_date among the sightings.';
COMMENT ON COLUMN documented_items.sightings IS 'Number of item lines (sightings) recording the item.';
COMMENT ON COLUMN documented_items.reporting_entities IS 'Entities that documented the item, sorted, separated by ''; ''.';
COMMENT ON COLUMN documented_items.countries_iso3 IS 'Countries where the item was found, sorted, separated by ''; ''.';
COMMENT ON COLUMN documented_items.item_line_uids IS 'The sightings (seizure_items.item_line_uid), earliest first.';
COMMENT ON COLUMN documented_items.classification IS 'Most sensitive classification among the sightings (a sighting: the more sensitive of its line and its event): public, restricted, confidential or strictly_confidential.';
