"""Merging the recorded resolutions (embargo/embargo_changes.py) into the warehouse: each record
becomes a row of embargo_change_records and a dated change of its embargo (embargo_changes), so
the timeline, the change markers, the status (view embargo_status) and the in-force spans (view
embargo_spans) follow it. A merge replaces the previous one whole, in the caller's transaction,
and is logged as a load of source `embargo_change_records`, format `records`, whose SHA-256 is
that of the records' canonical JSON; a record of an embargo this warehouse lacks is a reject of
that load. `embargo build` merges after the reference data; `embargo embargoes change add`
merges into the existing warehouse at once (as ingest/registry.py does for the actor registry)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import asdict

import duckdb

from embargo.embargo_changes import ChangeRecord, change_text_fr
from ingest.kit.loads import insert_rows, new_load_id, record_merge, utc_now
from ingest.kit.validation import Reject
from ingest.registry import Merged, _apply

SOURCE_ID = "embargo_change_records"
FORMAT_NAME = "records"
FILE_NAME = "recorded resolutions"
TABLES_WRITTEN = ("embargo_changes", "embargo_change_records", "load_log", "rejects")
# The kinds of change of embargo_changes a record of each kind is.
CHANGE_KIND = {"renewal": "renewal", "change": "other", "termination": "ended"}
# Recorded changes follow the reference table's own in each embargo's order of changes.
FIRST_SEQUENCE = 1000


def change_text(record: ChangeRecord) -> str:
    """The change as embargo_changes words it (the status view reads the runs-to date in it)."""
    head = {
        "renewal": f"renewed to {record.runs_to}",
        "change": "changed",
        "termination": "terminated",
    }[record.change_kind]
    return (
        f"{head}: {record.summary} (recorded by {record.recorded_by} on {record.recorded_at[:10]})"
    )


def merge_embargo_records(
    con: duckdb.DuckDBPyConnection, records: Sequence[ChangeRecord]
) -> Merged:
    """Replace the recorded part of embargo_changes by `records`, in the caller's transaction."""
    started_at = utc_now()
    con.execute(
        "DELETE FROM embargo_changes WHERE load_id IN (SELECT load_id FROM embargo_change_records)"
    )
    con.execute("DELETE FROM embargo_change_records")
    load_id = new_load_id()
    known = {row[0] for row in con.execute("SELECT embargo_id FROM embargoes").fetchall()}
    rejects: list[Reject] = []
    kept: list[ChangeRecord] = []
    for number, record in enumerate(records, start=1):
        if record.embargo_id not in known:
            rejects.append(
                Reject(
                    number,
                    "embargo_id",
                    record.embargo_id,
                    f"the record {record.record_id} ({record.resolution}) names the embargo "
                    f"{record.embargo_id}, which this warehouse's embargoes table lacks",
                )
            )
            continue
        kept.append(record)
    sequence: dict[str, int] = {}
    changes = []
    for record in kept:
        sequence[record.embargo_id] = sequence.get(record.embargo_id, FIRST_SEQUENCE) + 1
        changes.append(
            {
                "embargo_id": record.embargo_id,
                "change_seq": sequence[record.embargo_id],
                "resolution": record.resolution,
                "change_date": record.adopted_on,
                "date_precision": "day",
                "change_kind": CHANGE_KIND[record.change_kind],
                "change": change_text(record),
                "change_fr": change_text_fr(record),
                "load_id": load_id,
            }
        )
    insert_rows(
        con,
        "embargo_change_records",
        [
            {
                **asdict(record),
                "adopted_on": dt.date.fromisoformat(record.adopted_on),
                "runs_to": dt.date.fromisoformat(record.runs_to) if record.runs_to else None,
                "recorded_at": dt.datetime.fromisoformat(record.recorded_at)
                .astimezone(dt.UTC)
                .replace(tzinfo=None),
                "load_id": load_id,
            }
            for record in kept
        ],
    )
    insert_rows(con, "embargo_changes", changes)
    record_merge(
        con,
        load_id=load_id,
        source_id=SOURCE_ID,
        name=FILE_NAME,
        file_format=FORMAT_NAME,
        target_table="embargo_changes",
        content=json.dumps([asdict(r) for r in records], sort_keys=True).encode("utf-8"),
        rows_read=len(records),
        rows_loaded=len(kept),
        rejects=rejects,
        started_at=started_at,
    )
    return Merged(load_id, len(records), len(kept), rejects)


def apply_embargo_records(location, records: Sequence[ChangeRecord]) -> Merged | None:
    """Merge the records into an existing warehouse at once; None when there is none yet."""
    return _apply(location, lambda con: merge_embargo_records(con, records), TABLES_WRITTEN)
