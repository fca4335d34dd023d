"""Findings of Security Council panels and groups of experts, format `poe-findings`
(docs/formats.md): one row per finding, as CSV (UTF-8, UTF-8 BOM, CRLF; Latin-1 when not UTF-8) or
XLSX (the sheet named `poe-findings`, else the first; header in row 1).

Required columns: finding_id, panel, document_symbol, document_date, finding_type, summary,
confidence. Optional: paragraph, annex, target_iso3, involved_states, involved_entities,
related_event_ids, related_serials, classification. Other columns are kept in
`raw_panel_findings.extra_columns`.

extract -> validate -> load: `raw_panel_findings` every row read, `panel_findings` every valid
finding, `panel_finding_references` one row per State, entity, event or serial a finding names
(the lists are ';'-separated), `rejects` every problem. Decisions:
- panel is the embargo_id of the regime (un-libya-2011) or its committee or panel as a name or
  resolution ('1970 Committee', 'S/RES/1970 (2011)', 'Panel of Experts on Libya'). A name that
  fits several episodes (the 1737 Committee for Iran's 2006, 2007 and 2025 episodes) is resolved
  by the document_date: the episode in force that day; a panel that fits none is a reject.
- A finding is identified by its embargo_id and finding_id, and has versions
  (`panel_finding_versions`; the view `panel_findings` shows the current version of each finding
  not retracted): a later report (a later document_date or as_of) that confirms, revises or
  retracts it (column status) is a new version, as is a correction (a reason in `correction`);
  an older one is refused as stale naming both files and dates; the same finding again is a
  repeat; different lines of one finding in one file are each refused. A version keeps the
  finding's classification.
- A finding cites where it stands: paragraph or annex (or both) must be given.
- document_symbol must look like a UN document symbol (S/2024/123, S/2023/1000/Corr.1); invented
  documents of the synthetic set use SYN/... and never a real symbol.
- target_iso3: an ISO3 code or a known present-day country name; unknown is a reject.
- The references a finding names are kept even when they match nothing: involved_states resolve
  through country_aliases at load (country_iso3 empty when unknown); related_event_ids match
  seizure_events by event_id (or event_uid), related_serials match seizure_items by
  serial_normalized, involved_entities match sanctioned_party_names by normalised name, all in
  the view panel_finding_links, so events, items or listed parties loaded later link as well.
  The view panel_finding_unmatched lists what matches nothing.
- classification defaults to restricted."""

from __future__ import annotations

import datetime as dt
import re

import duckdb

from ingest.kit.loads import insert_rows
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
from ingest.kit.values import classification, iso_date, normalize_serial, text, vocabulary
from ingest.kit.vocabularies import values as vocabulary_values
from ingest.sources.sanctions_list import normalize_party_name

SOURCE_ID = "panel_findings"
FORMAT_NAME = "poe-findings"
TABLES_WRITTEN = ("raw_panel_findings", "panel_finding_versions", "panel_finding_references")
FINDING_TYPES = vocabulary_values("finding_type")
CONFIDENCES = vocabulary_values("finding_confidence")
STATUSES = vocabulary_values("finding_status")
REFERENCE_LISTS = {
    "involved_states": "state",
    "involved_entities": "entity",
    "related_event_ids": "event",
    "related_serials": "serial",
}

FORMAT = RecordFormat(
    format_name=FORMAT_NAME,
    label="panel-of-experts findings (poe-findings)",
    raw_table="raw_panel_findings",
    documented=(
        required("finding_id", "Identifies the finding within the embargo."),
        required("panel", "The embargo_id of the regime, or its committee's name."),
        required("document_symbol", "UN document symbol, e.g. S/2024/123."),
        required("document_date", "YYYY-MM-DD, not in the future."),
        optional("paragraph", "Paragraph cited (paragraph or annex is needed)."),
        optional("annex", "Annex cited."),
        required("finding_type", "What the panel found.", "finding_type"),
        optional("target_iso3", "ISO3 code or name of the country concerned."),
        optional("involved_states", "States involved, ';'-separated."),
        optional("involved_entities", "Entities involved, ';'-separated."),
        required("summary", "The finding in brief (text)."),
        optional("related_event_ids", "Seizure event_ids, ';'-separated."),
        optional("related_serials", "Serial numbers, ';'-separated."),
        required("confidence", "How firmly the panel established it.", "finding_confidence"),
        optional(
            "status",
            "Where the finding stands after later reports (default reported).",
            "finding_status",
        ),
        *VERSIONED_RECORD_COLUMNS,
    ),
)

# What a finding says, for telling a repeated finding from a different one with the same id.
CONTENT_COLUMNS = (
    "document_symbol",
    "document_date",
    "paragraph",
    "annex",
    "finding_type",
    "target_iso3",
    "summary",
    "confidence",
    "status",
    "classification",
)


def document_symbol(value: str) -> str:
    """A UN document symbol: series letters, then '/'-separated parts (S/2024/123,
    S/2023/1000/Corr.1, S/AC.43/2024/1); spaces removed around slashes."""
    symbol = re.sub(r"\s*/\s*", "/", value.strip())
    if not re.fullmatch(r"[A-Z][A-Za-z0-9.]*(/[A-Za-z0-9.()\-]+)+", symbol):
        raise InvalidValue(
            f"document_symbol '{value}' is not a UN document symbol (e.g. S/2024/123)"
        )
    return symbol


def reference_list(value: str) -> list[str]:
    """A ';'-separated list, each entry trimmed, empty entries and repeats dropped."""
    seen: dict[str, str] = {}
    for entry in value.split(";"):
        item = text(entry)
        if item and item.lower() not in seen:
            seen[item.lower()] = item
    return list(seen.values())


class Panels:
    """Resolves the panel column to an embargo episode."""

    def __init__(self, con: duckdb.DuckDBPyConnection):
        self.episodes = con.execute(
            "SELECT embargo_id, start_date, end_date, coalesce(committee, ''), "
            "coalesce(panel, '') FROM embargoes ORDER BY start_date"
        ).fetchall()
        self.ids = {row[0].lower(): row[0] for row in self.episodes}

    def candidates(self, written: str) -> list[tuple]:
        key = written.strip().lower()
        if key in self.ids:
            return [row for row in self.episodes if row[0] == self.ids[key]]
        numbers = re.findall(r"\b(\d{3,4})\b", written)
        resolution = next((n for n in numbers if not re.fullmatch(r"(19|20)\d\d", n)), None)
        if resolution is None and numbers and "committee" in key:
            resolution = numbers[0]  # the 2048 Committee: a resolution number like a year
        if resolution is not None:
            pattern = re.compile(rf"S/RES/{resolution}\b")
            return [row for row in self.episodes if pattern.search(row[3])]
        name = " ".join(key.split())
        return [
            row
            for row in self.episodes
            if row[4] and " ".join(row[4].split(" (")[0].lower().split()) == name
        ]

    def resolve(self, written: str, on: dt.date) -> str:
        found = self.candidates(written)
        if not found:
            raise InvalidValue(
                f"panel '{written}' is not an embargo_id and names no committee or panel of the "
                "embargoes table (write the embargo_id, e.g. un-libya-2011, or the committee, "
                "e.g. 1970 Committee)"
            )
        if len(found) == 1:
            return found[0][0]
        in_force = [row for row in found if row[1] <= on and (row[2] is None or on < row[2])]
        if len(in_force) == 1:
            return in_force[0][0]
        names = ", ".join(row[0] for row in found)
        raise InvalidValue(
            f"panel '{written}' fits {names}, and {'none' if not in_force else 'several'} of them "
            f"applied on the document_date {on}: write the embargo_id"
        )


def columns(places: Places) -> list[Column]:
    return [
        Column("finding_id", text),
        Column("panel", text),
        Column("document_symbol", document_symbol),
        Column("document_date", iso_date("document_date")),
        Column("paragraph", text, required=False),
        Column("annex", text, required=False),
        Column("finding_type", vocabulary("finding_type", FINDING_TYPES)),
        Column("target_iso3", places.country("target_iso3"), required=False),
        Column("involved_states", reference_list, required=False),
        Column("involved_entities", reference_list, required=False),
        Column("summary", text),
        Column("related_event_ids", reference_list, required=False),
        Column("related_serials", reference_list, required=False),
        Column("confidence", vocabulary("confidence", CONFIDENCES)),
        Column("status", vocabulary("status", STATUSES), required=False),
        Column("classification", classification, required=False),
    ]


def cites_paragraph_or_annex(row: dict) -> Reject | None:
    if row["paragraph"] is None and row["annex"] is None:
        return Reject(
            row["_row_number"],
            "paragraph",
            "",
            "paragraph and annex are both empty: a finding must say where in the document it "
            "stands",
        )
    return None


def panel_rule(panels: Panels):
    def resolve_panel(row: dict) -> Reject | None:
        try:
            row["embargo_id"] = panels.resolve(row["panel"], row["document_date"])
        except InvalidValue as problem:
            return Reject(row["_row_number"], "panel", raw_of(row, "panel"), str(problem))
        return None

    return resolve_panel


def finding_of(row: dict, load_id: str, file_name: str) -> dict:
    return {
        "finding_uid": f"{row['embargo_id']}:{row['finding_id']}",
        "finding_id": row["finding_id"],
        "panel": row["panel"],
        "embargo_id": row["embargo_id"],
        "document_symbol": row["document_symbol"],
        "document_date": row["document_date"],
        "paragraph": row["paragraph"],
        "annex": row["annex"],
        "finding_type": row["finding_type"],
        "target_iso3": row["target_iso3"],
        "summary": row["summary"],
        "confidence": row["confidence"],
        "status": row["status"] or "reported",
        **provenance(row, load_id, file_name),
        "_references": {name: row[name] or [] for name in REFERENCE_LISTS},
    }


FINDING_VERSIONS = Versions(
    table="panel_finding_versions",
    key_columns=("embargo_id", "finding_id"),
    content_columns=CONTENT_COLUMNS,
    id_column="finding_id",
    record_noun="finding",
    naming=lambda finding: f"finding {finding['finding_id']} of {finding['embargo_id']}",
    dates=lambda finding: (finding["document_date"],),
    correctable=("paragraph", "annex", "finding_type", "summary", "confidence", "status"),
)


def references_of(findings: list[dict], places: Places, load_id: str) -> list[dict]:
    rows = []
    for finding in findings:
        for column, kind in REFERENCE_LISTS.items():
            for position, written in enumerate(finding["_references"][column], start=1):
                found = places.find(written) if kind == "state" else None
                is_country = found is not None and found[1] in ("state", "historical")
                rows.append(
                    {
                        "finding_uid": finding["finding_uid"],
                        "version": finding["version"],
                        "reference_kind": kind,
                        "position": position,
                        "reference": written,
                        "reference_normalized": normalized_reference(kind, written),
                        "country_iso3": found[0] if is_country else None,
                        "load_id": load_id,
                    }
                )
    return rows


def normalized_reference(kind: str, written: str) -> str:
    if kind == "serial":
        return normalize_serial(written)
    if kind == "entity":
        return normalize_party_name(written)
    return written


# True when the header has every required column.
detect = FORMAT.detect


LOAD = VersionedLoad(
    spec=FORMAT,
    versions=FINDING_VERSIONS,
    view="panel_findings",
    lookup=Places,
    columns=columns,
    build=lambda row, places, load_id, file_name: finding_of(row, load_id, file_name),
    rules=lambda con, places: (cites_paragraph_or_annex, panel_rule(Panels(con))),
    after=lambda con, findings, places, load_id: insert_rows(
        con, "panel_finding_references", references_of(findings, places, load_id)
    ),
)
load = LOAD.load
