"""Exemption notifications and approval requests filed with sanctions committees, format
`exemptions` (docs/formats.md): one row per notification or request, as CSV (UTF-8, UTF-8 BOM, CRLF;
Latin-1 when not UTF-8) or XLSX (the sheet named `exemptions`, else the first; header in row 1).

Required columns: notification_id, embargo_id, submitting_state, date_submitted, procedure,
decision. Optional: recipient, decision_date, category, quantity, items_description, reference, and
classification (not in the first specification of the format, but a file may carry it; default
restricted). Other columns are kept in `raw_exemptions.extra_columns`.

extract -> validate -> load (`raw_exemptions` every row read, `exemptions` every valid line; the
screening view transfer_screening looks there for a matching notification). Decisions:
- embargo_id must name an embargo in `embargoes` (any case); a notification submitted before the
  embargo was imposed is rejected.
- submitting_state: a code or known name through country_aliases, never guessed. States (and
  former States) get submitting_state_iso3; an international organisation (African Union**,
  United Nations**, ...) may submit too and has no code; a non-state actor or unknown party is
  rejected.
- recipient is free text (a country, a ministry, a unit) and never a reject. recipient_iso3 is
  the country it names when it is a known country or actor name with a country (through
  country_aliases); otherwise the embargo's single target country (embargo_target_countries),
  because the items of an exemption go to the embargoed territory; empty when the embargo has no
  single target country (the former Yugoslavia, regimes on listed parties anywhere). The
  screening treats an empty recipient_iso3 as matching any recipient.
- procedure notification|approval_request, decision no_objection|approved|denied|pending|
  not_required (any case; spaces or hyphens for underscores). decision_date is not before
  date_submitted, not in the future, and not given for a pending decision.
- quantity, when given, is a positive number.
- A notification is identified by embargo_id and notification_id, and has versions
  (`exemption_versions`; the view `exemptions` shows the current one): an amendment (other
  values on a later as_of, by default the latest of date_submitted and decision_date) or a
  correction (a reason in `correction`) is a new version, from which the screening reads it; an
  older one is refused as stale naming both files and dates; the same notification again is a
  repeat; different lines of one notification in one file are each refused."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import duckdb

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
from ingest.kit.validation import Column, InvalidValue, Reject, raw_of
from ingest.kit.values import classification, iso_date, positive_number, text, vocabulary
from ingest.kit.vocabularies import values as vocabulary_values

SOURCE_ID = "exemption_notifications"
FORMAT_NAME = "exemptions"
TABLES_WRITTEN = ("raw_exemptions", "exemption_versions")
PROCEDURES = vocabulary_values("exemption_procedure")
DECISIONS = vocabulary_values("exemption_decision")

FORMAT = RecordFormat(
    format_name=FORMAT_NAME,
    label="exemption notifications (exemptions)",
    raw_table="raw_exemptions",
    documented=(
        required("notification_id", "Identifies the notification within the embargo."),
        required("embargo_id", "An embargo_id of the embargoes table, e.g. un-libya-2011."),
        required(
            "submitting_state", "ISO3 code or name of the State (or organisation) submitting."
        ),
        optional("recipient", "Who receives the items (text)."),
        required("date_submitted", "YYYY-MM-DD, on or after the embargo's start."),
        required("procedure", "How the committee is asked.", "exemption_procedure"),
        required("decision", "The committee's answer.", "exemption_decision"),
        optional("decision_date", "YYYY-MM-DD, not before date_submitted; none while pending."),
        optional("category", "Category of the items (text)."),
        optional("quantity", "A positive number."),
        optional("items_description", "Free text."),
        optional("reference", "The committee's reference (text)."),
        *VERSIONED_RECORD_COLUMNS,
    ),
)

# What a notification says, for telling a repeated one from a different one with the same id.
CONTENT_COLUMNS = (
    "submitting_state",
    "recipient",
    "date_submitted",
    "procedure",
    "decision",
    "decision_date",
    "category",
    "quantity",
    "items_description",
    "reference",
    "classification",
)


@dataclass(frozen=True)
class Embargo:
    embargo_id: str
    start_date: dt.date
    target_country: str | None  # the single target country, if there is one


@dataclass(frozen=True)
class Submitter:
    name: str
    iso3: str | None


class Lookups:
    """Embargoes and country names, read once per load."""

    def __init__(self, con: duckdb.DuckDBPyConnection):
        self.places = Places(con)
        self.embargoes = {
            embargo_id.lower(): Embargo(embargo_id, start_date, target)
            for embargo_id, start_date, target in con.execute(
                "SELECT e.embargo_id, e.start_date, ("
                "SELECT CASE WHEN count(*) = 1 THEN min(t.country_iso3) END "
                "FROM embargo_target_countries AS t WHERE t.embargo_id = e.embargo_id) "
                "FROM embargoes AS e"
            ).fetchall()
        }

    def embargo(self, value: str) -> Embargo:
        found = self.embargoes.get(value.strip().lower())
        if found is None:
            raise InvalidValue(
                f"embargo_id '{value}' is not a known embargo: use an embargo_id of the "
                "embargoes table, e.g. un-libya-2011 (Embargo regimes page)"
            )
        return found

    def submitter(self, value: str) -> Submitter:
        found = self.places.find(value)
        if found is None:
            raise InvalidValue(self.places.unknown_name(value, "submitting_state"))
        iso3, actor_type = found
        if actor_type in ("state", "historical") and iso3 is not None:
            return Submitter(text(value), iso3)
        if actor_type == "organisation":
            return Submitter(text(value), None)
        what = Places.ACTOR_WORDS.get(actor_type, actor_type)
        raise InvalidValue(
            f"submitting_state '{value}' names {what}: exemptions are submitted by States or "
            "international organisations"
        )

    def recipient_country(self, recipient: str | None, embargo: Embargo) -> str | None:
        found = self.places.find(recipient) if recipient else None
        if found is not None and found[0] is not None:
            return found[0]
        return embargo.target_country


def columns(lookups: Lookups) -> list[Column]:
    return [
        Column("notification_id", text),
        Column("embargo_id", lookups.embargo),
        Column("submitting_state", lookups.submitter),
        Column("recipient", text, required=False),
        Column("date_submitted", iso_date("date_submitted")),
        Column("procedure", vocabulary("procedure", PROCEDURES)),
        Column("decision", vocabulary("decision", DECISIONS)),
        Column("decision_date", iso_date("decision_date"), required=False),
        Column("category", text, required=False),
        Column("quantity", positive_number("quantity"), required=False),
        Column("items_description", required=False),
        Column("reference", text, required=False),
        Column("classification", classification, required=False),
    ]


def submitted_under_embargo(row: dict) -> Reject | None:
    embargo = row["embargo_id"]
    if row["date_submitted"] < embargo.start_date:
        return Reject(
            row["_row_number"],
            "date_submitted",
            raw_of(row, "date_submitted"),
            f"date_submitted {row['date_submitted']} is before the embargo {embargo.embargo_id} "
            f"was imposed ({embargo.start_date})",
        )
    return None


def decision_after_submission(row: dict) -> Reject | None:
    decided = row["decision_date"]
    if decided is not None and decided < row["date_submitted"]:
        return Reject(
            row["_row_number"],
            "decision_date",
            raw_of(row, "decision_date"),
            f"decision_date {decided} is before date_submitted {row['date_submitted']}",
        )
    return None


def pending_has_no_decision_date(row: dict) -> Reject | None:
    if row["decision"] == "pending" and row["decision_date"] is not None:
        return Reject(
            row["_row_number"],
            "decision_date",
            raw_of(row, "decision_date"),
            f"decision_date {row['decision_date']} is given but decision is pending: give the "
            "decision, or leave decision_date empty",
        )
    return None


ROW_RULES = (submitted_under_embargo, decision_after_submission, pending_has_no_decision_date)


def exemption_of(row: dict, lookups: Lookups, load_id: str, file_name: str) -> dict:
    embargo, submitter = row["embargo_id"], row["submitting_state"]
    return {
        "notification_id": row["notification_id"],
        "embargo_id": embargo.embargo_id,
        "submitting_state": submitter.name,
        "submitting_state_iso3": submitter.iso3,
        "recipient": row["recipient"],
        "recipient_iso3": lookups.recipient_country(row["recipient"], embargo),
        "date_submitted": row["date_submitted"],
        "procedure": row["procedure"],
        "decision": row["decision"],
        "decision_date": row["decision_date"],
        "category": row["category"],
        "quantity": row["quantity"],
        "items_description": row["items_description"],
        "reference": row["reference"],
        **provenance(row, load_id, file_name),
    }


def comparable(exemption: dict) -> dict:
    """A State compares by code: 'FRA' and 'France' are one submitter."""
    code = exemption["submitting_state_iso3"]
    return {**exemption, "submitting_state": code or exemption["submitting_state"]}


NOTIFICATION_VERSIONS = Versions(
    table="exemption_versions",
    key_columns=("embargo_id", "notification_id"),
    content_columns=CONTENT_COLUMNS,
    id_column="notification_id",
    record_noun="notification",
    naming=lambda exemption: (
        f"notification_id {exemption['notification_id']} of {exemption['embargo_id']}"
    ),
    dates=lambda exemption: (exemption["date_submitted"], exemption["decision_date"]),
    also_read=("submitting_state_iso3",),
    comparable=comparable,
    correctable=(
        "date_submitted",
        "procedure",
        "decision",
        "decision_date",
        "category",
        "quantity",
        "items_description",
        "reference",
    ),
)


# True when the header has every required column.
detect = FORMAT.detect


LOAD = VersionedLoad(
    spec=FORMAT,
    versions=NOTIFICATION_VERSIONS,
    view="exemptions",
    lookup=Lookups,
    columns=columns,
    build=exemption_of,
    rules=lambda con, lookups: ROW_RULES,
)
load = LOAD.load
