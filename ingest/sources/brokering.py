"""Brokering records, format `brokering` (docs/formats.md): what a State's brokering controls
record, one row per decision on a brokering licence (issued, refused or revoked), as CSV (UTF-8,
UTF-8 BOM, CRLF; Latin-1 when not UTF-8) or XLSX (the sheet named `brokering`, else the first;
header in row 1).

Required columns: licence_id, reporting_state, decision, decision_date, broker_name,
destination_country. Optional: broker_country, source_country, end_user, category, description,
quantity, value, currency, source_document, classification (default restricted), as_of and
correction. Other columns are kept in `raw_brokering.extra_columns`.

extract -> validate -> load (`raw_brokering` every row read, `brokering_record_versions` every
valid decision; the view `brokering_records` shows the current versions and `brokering_screening`
screens the licences issued). Decisions:
- reporting_state is a State (a code or a known name), as in every register.
- broker_name is an actor of kind broker in the actor registry (`embargo actors add NAME --type
  broker [--country ISO3]`): names are never guessed; an unknown name is a reject with up to three
  close candidates, and a name the registry knows as something else (a State, an armed group) is
  a reject naming what it is.
- broker_country, when given, is the country the broker is based in; when the registry gives the
  broker a country too, both must agree (a reject names both). Empty, the registry's is kept.
- source_country (where the items come from) and destination_country (where they go) are
  present-day States, by code or known name.
- end_user, when given, is any known party (a State, a non-state actor, an organisation...), by
  the same lookup, naming rules included (SIPRI's `Some Militia (Chad)*`: such an end user is
  marked with actor_rule and listed once for someone to confirm); an unknown name is a reject
  with candidates.
- category is a UN Register category I to VII, SALW or other (any case).
- quantity and value are positive numbers; value needs its currency (ISO 4217) and a currency
  needs a value.
- A record is one decision on one licence: reporting State, licence_id and decision identify it,
  so a licence issued and later revoked is two records. A later file with other values for the
  same decision is a new version (a later as_of, by default the decision date, or a reason in
  `correction`); an older one is refused as stale; the same decision again is a repeat."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import duckdb

from ingest.kit.places import Actor, Places, RuleActors
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
from ingest.sources.registers import currency

SOURCE_ID = "brokering_records"
FORMAT_NAME = "brokering"
TABLES_WRITTEN = ("raw_brokering", "brokering_record_versions", "rule_resolved_actors")
DECISIONS = vocabulary_values("brokering_decision")
# The categories of the transfers table: the UN Register's I to VII, small arms and light
# weapons, and anything else.
CATEGORIES = ("I", "II", "III", "IV", "V", "VI", "VII", "SALW", "other")

FORMAT = RecordFormat(
    format_name=FORMAT_NAME,
    label="brokering records (brokering)",
    raw_table="raw_brokering",
    documented=(
        required("licence_id", "Identifies the licence (or application) within the State."),
        required("reporting_state", "The State whose brokering control recorded it: ISO3 or name."),
        required("decision", "What the State decided.", "brokering_decision"),
        required("decision_date", "YYYY-MM-DD, not in the future."),
        required(
            "broker_name",
            "The broker, as registered in the actor registry with kind broker "
            "(`embargo actors add NAME --type broker`).",
        ),
        optional(
            "broker_country",
            "Where the broker is based: ISO3 or name (default: the registry's country).",
        ),
        optional("source_country", "Where the items come from (the supplier): ISO3 or name."),
        required("destination_country", "Where the items go (the recipient): ISO3 or name."),
        optional("end_user", "The end user named, a known party (a State, an armed group...)."),
        optional("category", "I to VII, SALW or other."),
        optional("description", "The items, as the record describes them (text)."),
        optional("quantity", "A positive number of items."),
        optional("value", "A positive number, with its currency."),
        optional("currency", "ISO 4217 code of the value (USD, EUR...)."),
        optional("source_document", "Where the record comes from (a report, its symbol or page)."),
        *VERSIONED_RECORD_COLUMNS,
    ),
)

# What a decision says, for telling a repeated one from a different one with the same key.
CONTENT_COLUMNS = (
    "decision_date",
    "broker_name",
    "broker_country_iso3",
    "source_country_iso3",
    "destination_country_iso3",
    "end_user",
    "category",
    "description",
    "quantity",
    "value",
    "currency",
    "source_document",
    "classification",
)


def category(value: str) -> str:
    for known in CATEGORIES:
        if value.strip().lower() == known.lower():
            return known
    raise InvalidValue(f"category '{value}' is not I to VII, SALW or other")


@dataclass(frozen=True)
class Lookups:
    places: Places

    def named(self, column: str) -> Callable[[str], Actor]:
        """A party by name, any kind (a naming rule's too); an unknown name names the column
        and its candidates."""
        return self.places.named(column)

    def broker(self, value: str) -> Actor:
        actor = self.named("broker_name")(value)
        if actor.actor_type != "broker":
            what = Places.ACTOR_WORDS.get(actor.actor_type, "a State")
            where = f" ({actor.iso3})" if actor.iso3 else ""
            raise InvalidValue(
                f"broker_name '{value}' names {what}{where}, not a broker: a broker is registered "
                "with `embargo actors add NAME --type broker`"
            )
        return actor


def lookups(con: duckdb.DuckDBPyConnection) -> Lookups:
    return Lookups(Places(con))


def columns(found: Lookups) -> list[Column]:
    places = found.places
    return [
        Column("licence_id", text),
        Column("reporting_state", places.state),
        Column("decision", vocabulary("decision", DECISIONS)),
        Column("decision_date", iso_date("decision_date")),
        Column("broker_name", found.broker),
        Column("broker_country", places.country("broker_country"), required=False),
        Column("source_country", places.country("source_country"), required=False),
        Column("destination_country", places.country("destination_country")),
        Column("end_user", found.named("end_user"), required=False),
        Column("category", category, required=False),
        Column("description", required=False),
        Column("quantity", positive_number("quantity"), required=False),
        Column("value", positive_number("value"), required=False),
        Column("currency", currency, required=False),
        Column("source_document", text, required=False),
        Column("classification", classification, required=False),
    ]


def broker_country_agrees(row: dict) -> Reject | None:
    broker, given = row["broker_name"], row["broker_country"]
    if given is not None and broker.iso3 is not None and given != broker.iso3:
        return Reject(
            row["_row_number"],
            "broker_country",
            raw_of(row, "broker_country"),
            f"broker_country {given} but the actor registry has the broker '{broker.name}' in "
            f"{broker.iso3}: correct the row, or the registry (`embargo actors set`)",
        )
    return None


def value_has_currency(row: dict) -> Reject | None:
    value, code = row["value"], row["currency"]
    if value is not None and code is None:
        return Reject(
            row["_row_number"], "currency", "", "a value needs its currency (ISO 4217, e.g. USD)"
        )
    if code is not None and value is None:
        return Reject(
            row["_row_number"],
            "value",
            "",
            f"currency {code} is given without a value: give the value, or leave currency empty",
        )
    return None


ROW_RULES = (broker_country_agrees, value_has_currency)


def record_of(row: dict, found: Lookups, load_id: str, file_name: str) -> dict:
    broker, end_user = row["broker_name"], row["end_user"]
    return {
        "licence_id": row["licence_id"],
        "reporting_state": row["reporting_state"].name,
        "reporting_state_iso3": row["reporting_state"].iso3,
        "decision": row["decision"],
        "decision_date": row["decision_date"],
        "broker_name": text(broker.name),
        "broker_country_iso3": row["broker_country"] or broker.iso3,
        "source_country_iso3": row["source_country"],
        "destination_country_iso3": row["destination_country"],
        "end_user": text(end_user.name) if end_user else None,
        "end_user_iso3": end_user.iso3 if end_user else None,
        "end_user_actor_type": end_user.actor_type if end_user else None,
        "actor_rule": end_user.rule if end_user else None,
        "_end_user": end_user,
        "category": row["category"],
        "description": row["description"],
        "quantity": row["quantity"],
        "value": row["value"],
        "currency": row["currency"],
        "source_document": row["source_document"],
        **provenance(row, load_id, file_name),
    }


RECORD_VERSIONS = Versions(
    table="brokering_record_versions",
    key_columns=("reporting_state_iso3", "licence_id", "decision"),
    content_columns=CONTENT_COLUMNS,
    id_column="licence_id",
    record_noun="brokering decision",
    naming=lambda record: (
        f"licence {record['licence_id']} of {record['reporting_state_iso3']} ({record['decision']})"
    ),
    dates=lambda record: (record["decision_date"],),
)


# True when the header has every required column.
detect = FORMAT.detect


def note_rule_actors(
    con: duckdb.DuckDBPyConnection, records: list[dict], found: Lookups, load_id: str
) -> None:
    """End users a naming rule recognised, listed once for someone to confirm."""
    rule_actors = RuleActors()
    for record in records:
        rule_actors.seen(record["_end_user"], record, "brokering_record_versions")
    rule_actors.record(con)


LOAD = VersionedLoad(
    spec=FORMAT,
    versions=RECORD_VERSIONS,
    view="brokering_records",
    lookup=lookups,
    columns=columns,
    build=record_of,
    rules=lambda con, found: ROW_RULES,
    after=note_rule_actors,
)
load = LOAD.load
