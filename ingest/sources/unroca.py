"""UN Register of Conventional Arms (UNROCA) national reports, format `unroca` (docs/formats.md):
one row per line of a report, as CSV (UTF-8, UTF-8 BOM, CRLF; Latin-1 when not UTF-8) or XLSX
(the sheet named `unroca`, else the first; header in row 1).

Required columns: reporting_state, calendar_year, flow, category, counterpart_state,
number_of_items. Optional: state_of_origin, intermediate_location, description, comments. Other
columns are kept in `raw_unroca.extra_columns`.

extract (read, rename) -> validate (every problem of a row listed) -> load (`raw_unroca` gets every
row read, `transfers` every valid line). Decisions:
- Categories I..VII are kept; the SALW sub-categories (`SALW-small:<name>`, `SALW-light:<name>`)
  are harmonised to `SALW`; `category_as_reported` keeps what the report says.
- A nil report (number_of_items 0, counterpart_state empty) is one `transfers` row with
  is_nil_report = true, quantity 0 and no counterpart. An empty counterpart with items > 0 is a
  reject. A line with 0 items to a named counterpart is an ordinary line with quantity 0.
- delivery_year = calendar_year (the Register reports transfers effected in that year).
- state_of_origin (a State, mapped like the other names) and intermediate_location (free text)
  are kept in `raw_unroca` and appended to `transfers.comments` as "state of origin: Germany
  (DEU)" and "intermediate location: ...", so they show wherever the line shows.
- source_record_id = "<reporting ISO3>-<year>-<flow>-<12 hex of SHA-256 of the line's content>"
  (see ingest.sources.registers.stable_record_ids): stable across re-saves, unique within a file."""

from __future__ import annotations

from ingest.kit.places import Places, normalize_alias
from ingest.kit.record_format import optional, required
from ingest.kit.validation import Column, InvalidValue, Reject
from ingest.kit.values import year_between
from ingest.sources.registers import (
    RegisterFormat,
    category_key,
    flow,
    number_of_items,
    reporting_state_is_not_counterpart,
)

SOURCE_ID = "un_register"
FORMAT_NAME = "unroca"
TABLES_WRITTEN = ("raw_unroca", "transfers", "rule_resolved_actors")
CATEGORIES = ("I", "II", "III", "IV", "V", "VI", "VII")
SALW_PREFIXES = ("SALW-small", "SALW-light")
CATEGORY_HELP = "expected I to VII or SALW-small:<name> / SALW-light:<name>"


def category(value: str) -> tuple[str, str]:
    """(harmonised category, category as reported)."""
    if value.upper() in CATEGORIES:
        return value.upper(), value
    prefix, colon, name = value.partition(":")
    for salw in SALW_PREFIXES:
        if prefix.strip().lower() == salw.lower() and colon:
            if not name.strip():
                raise InvalidValue(
                    f"category '{value}' has no sub-category name after ':': {CATEGORY_HELP}"
                )
            return "SALW", value
    raise InvalidValue(f"category '{value}' is not a UN Register category: {CATEGORY_HELP}")


def columns(places: Places) -> list[Column]:
    return [
        Column("reporting_state", places.state),
        Column(
            "calendar_year",
            year_between("calendar_year", 1992, "the UN Register covers 1992 onwards"),
        ),
        Column("flow", flow),
        Column("category", category),
        Column("counterpart_state", places.actor, required=False),
        Column("number_of_items", number_of_items),
        Column("state_of_origin", places.actor, required=False),
        Column("intermediate_location", required=False),
        Column("description", required=False),
        Column("comments", required=False),
    ]


def is_nil_report(row: dict) -> bool:
    return row["number_of_items"] == 0 and row["counterpart_state"] is None


def counterpart_given_unless_nil(row: dict) -> Reject | None:
    if row["counterpart_state"] is None and not is_nil_report(row):
        return Reject(
            row["_row_number"],
            "counterpart_state",
            "",
            "counterpart_state is required: only a nil report (number_of_items 0) leaves it empty",
        )
    return None


def comments(row: dict) -> str | None:
    """The report's comments, then the state of origin and intermediate location, if given."""
    parts = [row["comments"]]
    origin = row["state_of_origin"]
    if origin is not None:
        parts.append(f"state of origin: {origin.name} ({origin.iso3 or origin.actor_type})")
    if row["intermediate_location"]:
        parts.append(f"intermediate location: {row['intermediate_location']}")
    return "; ".join(part for part in parts if part) or None


def transfer_fields(row: dict) -> dict:
    harmonised, as_reported = row["category"]
    return {
        "category": harmonised,
        "category_as_reported": as_reported,
        "order_year": None,
        "order_year_is_estimate": None,
        "delivery_year": row["calendar_year"],
        "delivery_year_is_estimate": False,
        "quantity": float(row["number_of_items"]),
        "quantity_is_estimate": False,
        "value": None,
        "value_unit": None,
        "value_is_estimate": None,
        "status": None,
        "is_nil_report": is_nil_report(row),
        "comments": comments(row),
    }


def record_key(row: dict) -> list:
    counterpart, origin = row["counterpart_state"], row["state_of_origin"]
    return [
        row["reporting_state"].key,
        row["calendar_year"],
        row["flow"],
        category_key(row["category"][1]),
        counterpart.key if counterpart else None,
        row["number_of_items"],
        origin.key if origin else None,
        normalize_alias(row["intermediate_location"] or ""),
        normalize_alias(row["description"] or ""),
    ]


def record_prefix(row: dict) -> str:
    return f"{row['reporting_state'].iso3}-{row['calendar_year']}-{row['flow']}"


FORMAT = RegisterFormat(
    format_name=FORMAT_NAME,
    label="UN Register (unroca)",
    source_id=SOURCE_ID,
    raw_table="raw_unroca",
    documented=(
        required("reporting_state", "The State reporting: ISO3 code or country name."),
        required("calendar_year", "Year reported, 1992 onwards."),
        required("flow", "export or import, from the reporting State's side."),
        required("category", "I to VII, or `SALW-small:<name>` / `SALW-light:<name>`."),
        required("counterpart_state", "The other party; empty on a nil report."),
        required("number_of_items", "Whole number, 0 or more (0 and no counterpart: nil report)."),
        optional("state_of_origin", "Where the items were made, if not the exporter."),
        optional("intermediate_location", "Transit or intermediate location (text)."),
        optional("description", "Description of the items (text)."),
        optional("comments", "Comments on the transfer (text)."),
    ),
    columns=columns,
    row_rules=(counterpart_given_unless_nil, reporting_state_is_not_counterpart),
    transfer_fields=transfer_fields,
    record_key=record_key,
    record_prefix=record_prefix,
)


# True when the header has every required column.
detect = FORMAT.detect


# Loads one file inside the caller's transaction; `source_id` names another source for the same
# format (the synthetic demo reports).
load = FORMAT.load
