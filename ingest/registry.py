"""Merging what users keep beside the warehouse into it: the actor registry (embargo/actors.py)
and the link decisions on listed parties (embargo/links.py, table party_links, logged as a load
of source `party_links`). The registry's entries become rows of country_aliases, the table
every format looks names up in, so a name a user registered is known to the next load and to
every rebuild.

A merge replaces the previous one whole, in the caller's transaction: the rows the last merge
added to country_aliases go, the committed aliases it had set aside come back, then each entry
goes in, setting aside (into actor_registry.replaced_*) the committed alias it corrects. It is
logged as a load of source `actor_registry`, format `registry`, whose SHA-256 is that of the
entries' canonical JSON; an entry the warehouse cannot take (a country code this build does not
have) is a reject of that load, named like any other. `embargo build` merges after the
reference data and before reloading the kept raw files; `embargo actors add|set|remove` merges
into the existing warehouse at once (a copy swapped in, or one catalog transaction)."""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import duckdb

from embargo.actors import Entry, entries_digest, normalize_name
from embargo.lake import LakeCatalog, retry_on_conflict
from embargo.links import Decision, as_rows
from embargo.warehouse import (
    Location,
    connect_writable,
    recompute_derived_tables,
    record_write,
    require_current_schema,
    rollback_quietly,
)
from ingest.files import warehouse_lock
from ingest.kit.loads import insert_rows, new_load_id, record_merge, utc_now
from ingest.kit.validation import Reject
from ingest.kit.warehouse_file import make_working_copy, swap_in

SOURCE_ID = "actor_registry"
FORMAT_NAME = "registry"
FILE_NAME = "actor registry"
TABLES_WRITTEN = ("country_aliases", "actor_registry", "load_log", "rejects")


@dataclass(frozen=True)
class Merged:
    load_id: str
    entries: int
    merged: int
    rejects: list[Reject]


def _utc(stamp: str) -> dt.datetime:
    return dt.datetime.fromisoformat(stamp).astimezone(dt.UTC).replace(tzinfo=None)


def merge_registry(con: duckdb.DuckDBPyConnection, entries: Sequence[Entry]) -> Merged:
    """Replace the registry's part of country_aliases by `entries`, in the caller's transaction."""
    started_at = utc_now()
    con.execute("DELETE FROM country_aliases WHERE load_id IN (SELECT load_id FROM actor_registry)")
    con.execute(
        "INSERT INTO country_aliases (alias, alias_normalized, country_iso3, actor_type, note, "
        "load_id) SELECT replaced_alias, name_normalized, replaced_country_iso3, "
        "replaced_actor_type, replaced_note, replaced_load_id FROM actor_registry "
        "WHERE replaced_load_id IS NOT NULL"
    )
    con.execute("DELETE FROM actor_registry")
    load_id = new_load_id()
    countries = {code for (code,) in con.execute("SELECT country_iso3 FROM countries").fetchall()}
    committed = {
        row[1]: row
        for row in con.execute(
            "SELECT alias, alias_normalized, country_iso3, actor_type, note, load_id "
            "FROM country_aliases"
        ).fetchall()
    }
    rejects: list[Reject] = []
    registry_rows: list[dict] = []
    for number, entry in enumerate(entries, start=1):
        if entry.country_iso3 is not None and entry.country_iso3 not in countries:
            rejects.append(
                Reject(
                    number,
                    "country_iso3",
                    entry.country_iso3,
                    f"the registry entry '{entry.name}' names the country code "
                    f"{entry.country_iso3}, which this warehouse's countries table lacks: "
                    "correct the entry with `embargo actors set`",
                )
            )
            continue
        key = normalize_name(entry.name)
        replaced = committed.get(key)
        registry_rows.append(
            {
                "name": entry.name,
                "name_normalized": key,
                "country_iso3": entry.country_iso3,
                "actor_type": entry.actor_type,
                "actor_name": entry.actor_name,
                "note": entry.note or None,
                "added_by": entry.added_by,
                "added_at": _utc(entry.added_at),
                "changed_by": entry.changed_by,
                "changed_at": _utc(entry.changed_at),
                "replaced_alias": replaced[0] if replaced else None,
                "replaced_country_iso3": replaced[2] if replaced else None,
                "replaced_actor_type": replaced[3] if replaced else None,
                "replaced_note": replaced[4] if replaced else None,
                "replaced_load_id": replaced[5] if replaced else None,
                "load_id": load_id,
            }
        )
    replaced_keys = [row["name_normalized"] for row in registry_rows if row["replaced_load_id"]]
    if replaced_keys:
        con.execute(
            "DELETE FROM country_aliases WHERE list_contains(?, alias_normalized)", [replaced_keys]
        )
    insert_rows(con, "actor_registry", registry_rows)
    insert_rows(
        con,
        "country_aliases",
        [
            {
                "alias": row["name"],
                "alias_normalized": row["name_normalized"],
                "country_iso3": row["country_iso3"],
                "actor_type": row["actor_type"],
                "note": row["note"],
                "load_id": load_id,
            }
            for row in registry_rows
        ],
    )
    record_merge(
        con,
        load_id=load_id,
        source_id=SOURCE_ID,
        name=FILE_NAME,
        file_format=FORMAT_NAME,
        target_table="country_aliases",
        content=entries_digest(entries).encode("utf-8"),
        rows_read=len(entries),
        rows_loaded=len(registry_rows),
        rejects=rejects,
        started_at=started_at,
    )
    return Merged(load_id, len(entries), len(registry_rows), rejects)


LINKS_SOURCE_ID = "party_links"
LINKS_FORMAT = "links"
LINKS_FILE_NAME = "party links"
LINKS_TABLES_WRITTEN = ("party_links", "load_log")


def merge_links(con: duckdb.DuckDBPyConnection, decisions: Sequence[Decision]) -> Merged:
    """Replace party_links by `decisions`, in the caller's transaction, logged as a load."""
    started_at = utc_now()
    load_id = new_load_id()
    con.execute("DELETE FROM party_links")
    insert_rows(
        con,
        "party_links",
        [
            {
                "party_name": d.party_name,
                "party_name_normalized": normalize_name(d.party_name),
                "reference_number": d.reference_number,
                "decision": d.decision,
                "score": d.score,
                "evidence": d.evidence or None,
                "note": d.note or None,
                "decided_by": d.decided_by,
                "decided_at": _utc(d.decided_at),
                "load_id": load_id,
            }
            for d in decisions
        ],
    )
    record_merge(
        con,
        load_id=load_id,
        source_id=LINKS_SOURCE_ID,
        name=LINKS_FILE_NAME,
        file_format=LINKS_FORMAT,
        target_table="party_links",
        content=json.dumps(as_rows(list(decisions)), sort_keys=True, ensure_ascii=False).encode(),
        rows_read=len(decisions),
        rows_loaded=len(decisions),
        rejects=[],
        started_at=started_at,
    )
    return Merged(load_id, len(decisions), len(decisions), [])


def _merge_in_transaction(
    con: duckdb.DuckDBPyConnection, merge: Callable[[], Merged], tables: Sequence[str]
) -> Merged:
    con.execute("BEGIN TRANSACTION")
    try:
        merged = merge()
        changed = list(tables)
        changed += recompute_derived_tables(con, changed, [merged.load_id])
        record_write(con, changed)
        con.execute("COMMIT")
    except BaseException:
        rollback_quietly(con)
        raise
    return merged


def apply_registry(location: Location, entries: Sequence[Entry]) -> Merged | None:
    """Merge the entries into an existing warehouse at once; None when there is no warehouse
    yet (the next build merges them)."""
    return _apply(location, lambda con: merge_registry(con, entries), TABLES_WRITTEN)


def apply_links(location: Location, decisions: Sequence[Decision]) -> Merged | None:
    """Take the link decisions into an existing warehouse at once; None when there is none."""
    return _apply(location, lambda con: merge_links(con, decisions), LINKS_TABLES_WRITTEN)


def _apply(
    location: Location,
    merge: Callable[[duckdb.DuckDBPyConnection], Merged],
    tables: Sequence[str],
) -> Merged | None:
    if isinstance(location, LakeCatalog):
        con = connect_writable(location)
        try:
            require_current_schema(con, location)
            return retry_on_conflict(lambda: _merge_in_transaction(con, lambda: merge(con), tables))
        finally:
            con.close()
    if not Path(location).exists():
        return None
    working = location.with_name(f".{location.name}.{os.getpid()}.ingesting")
    with warehouse_lock(location):
        make_working_copy(location, working)
        try:
            con = connect_writable(working)
            try:
                require_current_schema(con, location)
                merged = _merge_in_transaction(con, lambda: merge(con), tables)
                con.execute("CHECKPOINT")
            finally:
                con.close()
            swap_in(working, location)
        finally:
            for leftover in (working, working.with_name(working.name + ".wal")):
                leftover.unlink(missing_ok=True)
    return merged
