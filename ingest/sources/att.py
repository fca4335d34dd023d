"""Arms Trade Treaty annual reports, format `att` (docs/formats.md): one row per line of a report,
as CSV (UTF-8, UTF-8 BOM, CRLF; Latin-1 when not UTF-8) or XLSX (the sheet named `att`, else the
first; header in row 1).

Required columns: reporting_state, year, flow, basis, category, counterpart_state,
number_of_items, value, currency. Optional: description, comments. Other columns are kept in
`raw_att.extra_columns`.

extract (read, rename) -> validate (every problem of a row listed) -> load (`raw_att` gets every
row read, `transfers` every valid line). Decisions:
- basis `authorized` lines report export or import authorisations (licences) granted in `year`,
  not deliveries: they get order_year = year and delivery_year empty, like a deal with no
  delivery yet, so nothing counts them as a delivery in that year. basis `actual` lines get
  delivery_year = year. transfers.status holds the basis (`authorized` / `actual`); the British
  spelling `authorised` is accepted.
- Categories I..VII (the same classes as the UN Register) are kept; VIII (small arms and light
  weapons) is harmonised to `SALW`; a sub-category after ':' stays in `category_as_reported`.
- number_of_items or value may be empty, not both. value needs a currency (ISO 4217), except a
  value of 0.
- A nil report is a row with counterpart_state empty whose figures are all zero: number_of_items 0
  and/or value 0, the other empty. It becomes one `transfers` row with is_nil_report = true and no
  counterpart. A row with both figures empty is rejected even then, since it does not say whether
  nothing was transferred or the figures are missing; a nil report writes number_of_items 0.
- source_record_id = "<reporting ISO3>-<year>-<flow>-<basis>-<12 hex of SHA-256 of the line's
  content>" (see ingest.sources.registers.stable_record_ids): stable across re-saves, unique
  in a file."""

from __future__ import annotations

from ingest.kit.places import Places, normalize_alias
from ingest.kit.record_format import optional, required
from ingest.kit.validation import Column, InvalidValue, Reject
from ingest.kit.values import year_between
from ingest.sources.registers import (
    RegisterFormat,
    amount,
    category_key,
    currency,
    flow,
    number_of_items,
    reporting_state_is_not_counterpart,
)

SOURCE_ID = "att_reports"
FORMAT_NAME = "att"
TABLES_WRITTEN = ("raw_att", "transfers", "rule_resolved_actors")
CATEGORIES = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII")
SALW_CATEGORY = "VIII"


def basis(value: str) -> str:
    lowered = value.lower()
    if lowered in ("authorized", "authorised"):
        return "authorized"
    if lowered == "actual":
        return "actual"
    raise InvalidValue(f"basis '{value}' is not authorized or actual")


def category(value: str) -> tuple[str, str]:
    """(harmonised category, category as reported)."""
    main, colon, sub = value.partition(":")
    main = main.strip().upper()
    if main not in CATEGORIES:
        raise InvalidValue(
            f"category '{value}' is not an ATT category: expected I to VIII (VIII = small arms "
            "and light weapons), optionally with a sub-category after ':' (VIII:rifles)"
        )
    if colon and not sub.strip():
        raise InvalidValue(f"category '{value}' has ':' but no sub-category after it")
    return ("SALW" if main == SALW_CATEGORY else main), value


def columns(places: Places) -> list[Column]:
    return [
        Column("reporting_state", places.state),
        Column(
            "year",
            year_between("year", 2014, "the Arms Trade Treaty entered into force in December 2014"),
        ),
        Column("flow", flow),
        Column("basis", basis),
        Column("category", category),
        Column("counterpart_state", places.actor, required=False),
        Column("number_of_items", number_of_items, required=False),
        Column("value", amount, required=False),
        Column("currency", currency, required=False),
        Column("description", required=False),
        Column("comments", required=False),
    ]


def is_nil_report(row: dict) -> bool:
    figures = [row["number_of_items"], row["value"]]
    given = [figure for figure in figures if figure is not None]
    return row["counterpart_state"] is None and bool(given) and not any(given)


def items_or_value(row: dict) -> Reject | None:
    if row["number_of_items"] is None and row["value"] is None:
        return Reject(
            row["_row_number"],
            None,
            None,
            "number_of_items and value are both empty: give at least one (a nil report gives "
            "number_of_items 0 and leaves counterpart_state empty)",
        )
    return None


def currency_with_value(row: dict) -> Reject | None:
    if row["value"] and row["currency"] is None:
        return Reject(
            row["_row_number"],
            "currency",
            "",
            "currency is required when value is given: a three-letter ISO 4217 code such as "
            "USD or EUR",
        )
    return None


def counterpart_given_unless_nil(row: dict) -> Reject | None:
    empty_figures = row["number_of_items"] is None and row["value"] is None
    if row["counterpart_state"] is None and not empty_figures and not is_nil_report(row):
        return Reject(
            row["_row_number"],
            "counterpart_state",
            "",
            "counterpart_state is required: only a nil report (number_of_items 0 or value 0) "
            "leaves it empty",
        )
    return None


def transfer_fields(row: dict) -> dict:
    harmonised, as_reported = row["category"]
    authorized = row["basis"] == "authorized"
    items, value = row["number_of_items"], row["value"]
    return {
        "category": harmonised,
        "category_as_reported": as_reported,
        "order_year": row["year"] if authorized else None,
        "order_year_is_estimate": False if authorized else None,
        "delivery_year": None if authorized else row["year"],
        "delivery_year_is_estimate": None if authorized else False,
        "quantity": float(items) if items is not None else None,
        "quantity_is_estimate": False if items is not None else None,
        "value": value,
        "value_unit": row["currency"] if value is not None else None,
        "value_is_estimate": False if value is not None else None,
        "status": row["basis"],
        "is_nil_report": is_nil_report(row),
        "comments": row["comments"],
    }


def record_key(row: dict) -> list:
    counterpart = row["counterpart_state"]
    return [
        row["reporting_state"].key,
        row["year"],
        row["flow"],
        row["basis"],
        category_key(row["category"][1]),
        counterpart.key if counterpart else None,
        row["number_of_items"],
        row["value"],
        row["currency"] if row["value"] is not None else None,
        normalize_alias(row["description"] or ""),
    ]


def record_prefix(row: dict) -> str:
    return f"{row['reporting_state'].iso3}-{row['year']}-{row['flow']}-{row['basis']}"


FORMAT = RegisterFormat(
    format_name=FORMAT_NAME,
    label="ATT annual report (att)",
    source_id=SOURCE_ID,
    raw_table="raw_att",
    documented=(
        required("reporting_state", "The State reporting: ISO3 code or country name."),
        required("year", "Year reported, 2014 onwards."),
        required("flow", "export or import, from the reporting State's side."),
        required("basis", "authorized or actual: what the figures count."),
        required("category", "I to VIII (VIII = SALW), optionally ':' and a sub-category."),
        required("counterpart_state", "The other party; empty on a nil report."),
        required("number_of_items", "Whole number, 0 or more; this or value (may be empty)."),
        required("value", "Value of the items, 0 or more; this or number_of_items."),
        required("currency", "ISO 4217 code of value (e.g. USD, EUR); with a value."),
        optional("description", "Description of the items (text)."),
        optional("comments", "Comments on the transfer (text)."),
    ),
    columns=columns,
    row_rules=(
        items_or_value,
        currency_with_value,
        counterpart_given_unless_nil,
        reporting_state_is_not_counterpart,
    ),
    transfer_fields=transfer_fields,
    record_key=record_key,
    record_prefix=record_prefix,
)


# True when the header has every required column.
detect = FORMAT.detect


# Loads one file inside the caller's transaction; `source_id` names another source for the same
# format (the synthetic demo reports).
load = FORMAT.load
