"""The `seizures` format: its columns, vocabularies and the parsers of its values (the rules
between the columns of a line are in `rules`)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from ingest.kit.places import Places
from ingest.kit.record_format import (
    AS_OF_COLUMN,
    CLASSIFICATION_COLUMN,
    CORRECTION_COLUMN,
    VERSION_COLUMNS,
    RecordFormat,
    optional,
    required,
)
from ingest.kit.validation import Column, InvalidValue
from ingest.kit.values import (
    FIRST_YEAR,
    classification,
    positive_number,
    serial_number,
    text,
    vocabulary,
    year,
)
from ingest.kit.vocabularies import values as vocabulary_values

SOURCE_ID = "field_documentation"
FORMAT_NAME = "seizures"
# trace_request_versions: a trace request sent before its event was documented gets its event_uid.
TABLES_WRITTEN = (
    "raw_seizures",
    "seizure_events",
    "seizure_items",
    "seizure_event_earlier_versions",
    "seizure_item_earlier_versions",
    "trace_request_versions",
)

DATE_PRECISIONS = vocabulary_values("date_precision")
LOCATION_PRECISIONS = vocabulary_values("location_precision")
CONTEXTS = vocabulary_values("seizure_context")
ACTOR_TYPES = vocabulary_values("actor_type")
ITEM_KINDS = vocabulary_values("item_kind")
WEAPON_CATEGORIES = vocabulary_values("weapon_category")
UNITS = vocabulary_values("unit")
VERIFICATIONS = vocabulary_values("verification")
DEFAULT_VERIFICATION = "unverified"

DATE_HELP = "(YYYY-MM-DD, or YYYY-MM / YYYY with date_precision month / year)"

FORMAT = RecordFormat(
    format_name=FORMAT_NAME,
    label="seizure documentation (seizures)",
    raw_table="raw_seizures",
    documented=(
        required("event_id", "Identifies the event within the reporting entity."),
        required("event_date", f"When the materiel was seized or recovered {DATE_HELP}."),
        required("date_precision", "How much of event_date is known.", "date_precision"),
        required("country_iso3", "Where the materiel was found: ISO3 code or country name."),
        optional("admin1", "First-level administrative area (text)."),
        optional("location_name", "Town, village or site (text)."),
        optional("latitude", "WGS84 decimal degrees; with longitude, or neither."),
        optional("longitude", "WGS84 decimal degrees; with latitude, or neither."),
        optional(
            "location_precision", "How precisely the coordinates place it.", "location_precision"
        ),
        required("context", "How the materiel came to be documented.", "seizure_context"),
        optional("seized_from", "Who held the materiel (text)."),
        optional("actor_type", "Kind of holder.", "actor_type"),
        required(
            "reporting_entity", "Who documented it: a mission JMAC, a panel, a national authority."
        ),
        optional("source_document", "Document reporting it, e.g. S/2024/123."),
        optional("source_paragraph", "Paragraph or annex of the document, e.g. 45 or annex 12."),
        required("item_kind", "What the line describes.", "item_kind"),
        optional(
            "weapon_category", "Kind of weapon; required for item_kind weapon.", "weapon_category"
        ),
        optional("manufacturer", "As marked."),
        optional("model", "As marked."),
        optional("calibre", "As marked."),
        optional(
            "serial_number",
            "As marked; stored also normalised (upper case, no spaces, dashes, slashes or dots). "
            "A line with a serial is one item.",
        ),
        optional("markings", "All other markings, verbatim ('unmarked' for unmarked ammunition)."),
        optional(
            "country_of_manufacture",
            "ISO3 code or country name; former countries (SUN, YUG, ...) allowed.",
        ),
        optional("year_of_manufacture", "Four-digit year, not after the event."),
        optional("headstamp_factory", "Ammunition only: factory code as stamped."),
        optional("headstamp_year", "Ammunition only: four-digit year as stamped."),
        optional("lot_number", "Ammunition only: lot as marked."),
        required("quantity", "A positive number; whole unless the unit is kg."),
        required("unit", "Unit of quantity; weapons are counted in items.", "unit"),
        CLASSIFICATION_COLUMN,
        optional(
            "verification",
            "How far the identification is verified (default unverified).",
            "verification",
        ),
        optional("notes", "Free text."),
        optional(
            "item_id",
            "Identifies the line within its event (text): a later line of the event with the same "
            "item_id and a later as_of, or a correction, is a new version of that line. Without "
            "item_id a line is known by what it says: a line with a later as_of or a correction "
            "that differs from a stored line of its event in its serial only, in a file giving "
            "the event as many lines as are stored (the others as they are, or the reason in "
            "correction), is refused, not loaded as a second item; correct a stored line's "
            "serial with the corrections format (record_kind seizure_item, record_key its "
            "item_line_uid, which the reject names).",
        ),
        AS_OF_COLUMN,
        CORRECTION_COLUMN,
    ),
)
# Columns that only a file revising what is loaded needs (left out of the demo's files).
VERSION_COLUMN_NAMES = ("item_id", AS_OF_COLUMN.name, CORRECTION_COLUMN.name)

# Columns of the event, repeated on each of its lines (event_id and reporting_entity are its key).
EVENT_COLUMNS = (
    "event_date",
    "date_precision",
    "country_iso3",
    "admin1",
    "location_name",
    "latitude",
    "longitude",
    "location_precision",
    "context",
    "seized_from",
    "actor_type",
    "source_document",
    "source_paragraph",
)
# The physical description of an item line: what makes two lines the same line.
ITEM_FIELDS = (
    "item_kind",
    "weapon_category",
    "manufacturer",
    "model",
    "calibre",
    "serial_normalized",
    "markings",
    "country_of_manufacture",
    "year_of_manufacture",
    "headstamp_factory",
    "headstamp_year",
    "lot_number",
    "quantity",
    "unit",
)


@dataclass(frozen=True)
class EventDate:
    """An event date as written: the first day it stands for and how precise the text is."""

    first_day: dt.date
    written: str  # day, month or year
    text: str


def event_date(value: str) -> EventDate:
    text_value = value
    # Excel writes a date-and-time cell as 2024-03-05T14:30:00: the day is what counts.
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}T[\d:.]+", value):
        value = value[:10]
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            parsed = EventDate(dt.date.fromisoformat(value), "day", text_value)
        elif re.fullmatch(r"\d{4}-\d{2}", value):
            parsed = EventDate(dt.date(int(value[:4]), int(value[5:]), 1), "month", text_value)
        elif re.fullmatch(r"\d{4}", value):
            parsed = EventDate(dt.date(int(value), 1, 1), "year", text_value)
        else:
            raise ValueError
    except ValueError:
        raise InvalidValue(f"event_date {text_value} is not a date {DATE_HELP}") from None
    if parsed.first_day > dt.date.today():
        raise InvalidValue(f"event_date {text_value} is in the future")
    if parsed.first_day.year < FIRST_YEAR:
        raise InvalidValue(f"event_date {text_value} is before {FIRST_YEAR}: check the year")
    return parsed


def coordinate(column: str, limit: int) -> Callable[[str], float]:
    def parse(value: str) -> float:
        if not re.fullmatch(r"[+-]?\d+(\.\d+)?", value):
            raise InvalidValue(
                f"{column} '{value}' is not a decimal number of degrees: WGS84 decimal degrees "
                "with '.' for decimals, e.g. 16.2719 (not degrees-minutes-seconds)"
            )
        number = float(value)
        if abs(number) > limit:
            raise InvalidValue(f"{column} {value} is outside -{limit} to {limit} degrees")
        return number

    return parse


def columns(places: Places) -> list[Column]:
    return [
        Column("event_id", text),
        Column("event_date", event_date),
        Column("date_precision", vocabulary("date_precision", DATE_PRECISIONS)),
        Column("country_iso3", places.country("country_iso3")),
        Column("admin1", text, required=False),
        Column("location_name", text, required=False),
        Column("latitude", coordinate("latitude", 90), required=False),
        Column("longitude", coordinate("longitude", 180), required=False),
        Column(
            "location_precision",
            vocabulary("location_precision", LOCATION_PRECISIONS),
            required=False,
        ),
        Column("context", vocabulary("context", CONTEXTS)),
        Column("seized_from", text, required=False),
        Column("actor_type", vocabulary("actor_type", ACTOR_TYPES), required=False),
        Column("reporting_entity", text),
        Column("source_document", text, required=False),
        Column("source_paragraph", text, required=False),
        Column("item_kind", vocabulary("item_kind", ITEM_KINDS)),
        Column("weapon_category", vocabulary("weapon_category", WEAPON_CATEGORIES), required=False),
        Column("manufacturer", text, required=False),
        Column("model", text, required=False),
        Column("calibre", text, required=False),
        Column("serial_number", serial_number, required=False),
        Column("markings", required=False),
        Column(
            "country_of_manufacture",
            places.country("country_of_manufacture", former=True),
            required=False,
        ),
        Column("year_of_manufacture", year("year_of_manufacture"), required=False),
        Column("headstamp_factory", text, required=False),
        Column("headstamp_year", year("headstamp_year"), required=False),
        Column("lot_number", text, required=False),
        Column("quantity", positive_number("quantity")),
        Column("unit", vocabulary("unit", UNITS)),
        Column("classification", classification, required=False),
        Column("verification", vocabulary("verification", VERIFICATIONS), required=False),
        Column("notes", required=False),
        Column("item_id", text, required=False),
        *VERSION_COLUMNS,
    ]
