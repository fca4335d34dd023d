"""Tracing requests, format `traces` (docs/formats.md): one row per request sent to a State or a
manufacturer about a seized or recovered item, as CSV (UTF-8, UTF-8 BOM, CRLF; Latin-1 when not
UTF-8) or XLSX (the sheet named `traces`, else the first; header in row 1).

Required columns: trace_id, requesting_entity, addressed_to, date_sent, status. Optional: event_id,
serial_number, date_response, last_legal_recipient_iso3, last_legal_recipient_entity, transfer_year,
diversion_point, transfer_ref, notes, and classification (not in the first specification of the
format, but a file may carry it; default restricted). Other columns are kept in
`raw_traces.extra_columns`.

extract -> validate -> load (`raw_traces` every row read, `trace_requests` every valid request).
Decisions:
- A request is identified by requesting_entity and trace_id, and has versions
  (`trace_request_versions`; the view `trace_requests` shows the current one). A later file of
  the requesting entity that gives the request with other values is a new version when it
  stands on a later date (as_of, by default the latest of date_sent and date_response: an
  answer that arrives later), or corrects it (a reason in `correction`, same date or later);
  an older one is refused as stale, naming both files and dates; the same request again is a
  repeat; different lines of one request in one file are each refused. A version keeps the
  request's classification.
- A request must say what is traced: event_id or serial_number (or both).
- addressed_to is kept as written; addressed_to_iso3 is set when it is an ISO3 code or a known
  name of a present-day country (country_aliases), and left empty otherwise: a manufacturer
  (the format allows either, so an unknown name is not a reject).
- last_legal_recipient_iso3 accepts a code or a known country name (former countries allowed:
  the last legal transfer may predate the end of the Soviet Union); an unknown name is a reject.
- Dates are YYYY-MM-DD and not in the future; date_response is not before date_sent; status
  responded or partial needs date_response; pending and no_response have none; transfer_year is
  not after the year the request was sent.
- event_uid links to seizure_events when exactly one event at or below the trace's
  classification has the trace's event_id, or, when none does, exactly one event does (see
  ingest.sources.seizures.reference.resolve_trace_events, run after every seizure and trace
  load)."""

from __future__ import annotations

from ingest.kit.places import Places
from ingest.kit.record_format import (
    VERSIONED_RECORD_COLUMNS,
    RecordFormat,
    VersionedLoad,
    Versions,
    optional,
    provenance,
    required,
)
from ingest.kit.validation import Column, Reject, raw_of
from ingest.kit.values import classification, iso_date, serial_number, text, vocabulary, year
from ingest.kit.vocabularies import values as vocabulary_values
from ingest.sources.seizures.reference import resolve_trace_events

SOURCE_ID = "tracing_requests"
FORMAT_NAME = "traces"
TABLES_WRITTEN = ("raw_traces", "trace_request_versions")
STATUSES = vocabulary_values("trace_status")
# The answers (full, partial, negative), which need date_response, and the states before one.
ANSWERED = ("responded", "partial", "negative")
UNANSWERED = ("pending", "acknowledged", "no_response")

FORMAT = RecordFormat(
    format_name=FORMAT_NAME,
    label="tracing requests (traces)",
    raw_table="raw_traces",
    documented=(
        required("trace_id", "Identifies the request within the requesting entity."),
        optional("event_id", "The seizure event traced (event_id or serial_number is needed)."),
        optional("serial_number", "The serial of the item traced, as marked."),
        required("requesting_entity", "Who sent the request."),
        required("addressed_to", "ISO3 code or name of a State, or a manufacturer's name."),
        required("date_sent", "YYYY-MM-DD, not in the future."),
        optional("date_response", "YYYY-MM-DD, not before date_sent."),
        required("status", "Where the request stands.", "trace_status"),
        optional(
            "last_legal_recipient_iso3",
            "ISO3 code or country name; former countries allowed.",
        ),
        optional("last_legal_recipient_entity", "Last legal holder (text)."),
        optional("transfer_year", "Year of the last legal transfer, not after date_sent."),
        optional("diversion_point", "Where the item left legal hands (text)."),
        optional("transfer_ref", "A SIPRI deal id or a register line (text)."),
        optional("notes", "Free text."),
        *VERSIONED_RECORD_COLUMNS,
    ),
)

# What a request says, for telling a repeated request from a different one with the same id.
CONTENT_COLUMNS = (
    "event_id",
    "serial_normalized",
    "addressed_to",
    "date_sent",
    "date_response",
    "status",
    "last_legal_recipient_iso3",
    "last_legal_recipient_entity",
    "transfer_year",
    "diversion_point",
    "transfer_ref",
    "notes",
    "classification",
)


def columns(places: Places) -> list[Column]:
    return [
        Column("trace_id", text),
        Column("event_id", text, required=False),
        Column("serial_number", serial_number, required=False),
        Column("requesting_entity", text),
        Column("addressed_to", text),
        Column("date_sent", iso_date("date_sent")),
        Column("date_response", iso_date("date_response"), required=False),
        Column("status", vocabulary("status", STATUSES)),
        Column(
            "last_legal_recipient_iso3",
            places.country("last_legal_recipient_iso3", former=True),
            required=False,
        ),
        Column("last_legal_recipient_entity", text, required=False),
        Column("transfer_year", year("transfer_year"), required=False),
        Column("diversion_point", required=False),
        Column("transfer_ref", text, required=False),
        Column("notes", required=False),
        Column("classification", classification, required=False),
    ]


def says_what_is_traced(row: dict) -> Reject | None:
    if row["event_id"] is None and row["serial_number"] is None:
        return Reject(
            row["_row_number"],
            None,
            None,
            "event_id and serial_number are both empty: a tracing request needs at least one "
            "(what is being traced)",
        )
    return None


def response_after_request(row: dict) -> Reject | None:
    sent, answered = row["date_sent"], row["date_response"]
    if answered is not None and answered < sent:
        return Reject(
            row["_row_number"],
            "date_response",
            raw_of(row, "date_response"),
            f"date_response {answered} is before date_sent {sent}",
        )
    return None


def status_matches_response(row: dict) -> Reject | None:
    status, answered = row["status"], row["date_response"]
    if status in ANSWERED and answered is None:
        return Reject(
            row["_row_number"],
            "date_response",
            "",
            f"status {status} needs date_response: the date the answer came",
        )
    if status in UNANSWERED and answered is not None:
        return Reject(
            row["_row_number"],
            "status",
            raw_of(row, "status"),
            f"status {status} but date_response {answered} is given: an answered request is "
            "responded, partial, negative or declined",
        )
    return None


def transfer_before_request(row: dict) -> Reject | None:
    transfer_year = row["transfer_year"]
    if transfer_year is not None and transfer_year > row["date_sent"].year:
        return Reject(
            row["_row_number"],
            "transfer_year",
            raw_of(row, "transfer_year"),
            f"transfer_year {transfer_year} is after date_sent {row['date_sent']}: the transfer "
            "to the last legal recipient came before the item was traced",
        )
    return None


ROW_RULES = (
    says_what_is_traced,
    response_after_request,
    status_matches_response,
    transfer_before_request,
)


def request_of(row: dict, places: Places, load_id: str, file_name: str) -> dict:
    serial = row["serial_number"]
    return {
        "trace_id": row["trace_id"],
        "event_id": row["event_id"],
        "event_uid": None,
        "serial_number": serial[0] if serial else None,
        "serial_normalized": serial[1] if serial else None,
        "requesting_entity": row["requesting_entity"],
        "addressed_to": row["addressed_to"],
        "addressed_to_iso3": places.state_code(row["addressed_to"]),
        "date_sent": row["date_sent"],
        "date_response": row["date_response"],
        "status": row["status"],
        "last_legal_recipient_iso3": row["last_legal_recipient_iso3"],
        "last_legal_recipient_entity": row["last_legal_recipient_entity"],
        "transfer_year": row["transfer_year"],
        "diversion_point": row["diversion_point"],
        "transfer_ref": row["transfer_ref"],
        "notes": row["notes"],
        **provenance(row, load_id, file_name),
    }


def comparable(request: dict) -> dict:
    """A country addressee compares by code: 'RUS' and 'Russia' are one addressee."""
    return {**request, "addressed_to": request["addressed_to_iso3"] or request["addressed_to"]}


REQUEST_VERSIONS = Versions(
    table="trace_request_versions",
    key_columns=("requesting_entity", "trace_id"),
    content_columns=CONTENT_COLUMNS,
    id_column="trace_id",
    record_noun="tracing request",
    naming=lambda request: f"trace_id {request['trace_id']} of {request['requesting_entity']}",
    dates=lambda request: (request["date_sent"], request["date_response"]),
    also_read=("addressed_to_iso3",),
    comparable=comparable,
    correctable=(
        "event_id",
        "serial_number",
        "addressed_to",
        "date_sent",
        "date_response",
        "status",
        "last_legal_recipient_iso3",
        "last_legal_recipient_entity",
        "transfer_year",
        "diversion_point",
        "transfer_ref",
        "notes",
    ),
)


# True when the header has every required column.
detect = FORMAT.detect


LOAD = VersionedLoad(
    spec=FORMAT,
    versions=REQUEST_VERSIONS,
    view="trace_requests",
    lookup=Places,
    columns=columns,
    build=request_of,
    rules=lambda con, places: ROW_RULES,
    after=lambda con, requests, places, load_id: resolve_trace_events(con),
)
load = LOAD.load
