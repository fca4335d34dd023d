"""SIPRI TIV tables (`Recipient` or `Exports by`, then one column per year): aggregate TIV per
country and year -> sipri_tiv_totals (ingest.sources.sipri documents the layout and its checks)."""

from __future__ import annotations

from pathlib import Path

import duckdb

from ingest.kit.loads import Loaded
from ingest.kit.places import Places, normalize_alias
from ingest.kit.validation import Reject
from ingest.sources.sipri import (
    CLASSIFICATION,
    TIV_TABLE,
    already_in_warehouse,
    insert_typed,
)
from ingest.sources.sipri_header import TIV_DIRECTIONS, YEAR, Header, normalize_label
from ingest.sources.sipri_names import KnownName, SipriNames, record_rule_resolved_actors
from ingest.sources.sipri_records import Record, physical_records, reassemble_broken_records
from ingest.sources.sipri_values import row_check, tiv_figure


def load_tiv_table(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    lines: list[str],
    header: Header,
    load_id: str,
) -> Loaded:
    names = SipriNames(Places(con))
    direction = TIV_DIRECTIONS[normalize_label(header.labels[0])]
    country_label = header.labels[0].strip()
    year_columns = [
        (position, int(label.strip()))
        for position, label in enumerate(header.labels)
        if YEAR.fullmatch(label.strip())
    ]
    width = len(header.labels)
    decimal_comma = header.delimiter == ";"
    seen: dict[str, int] = {}
    parsed: list[tuple[Record, list[dict], list[Reject]]] = []
    for record in reassemble_broken_records(physical_records(lines, header), width):
        check = row_check(record.line_number)
        rows: list[dict] = []
        if record.problem is not None:
            check.reject(None, header.delimiter.join(record.fields).strip(), record.problem)
            parsed.append((record, rows, check.rejects))
            continue
        name = record.fields[0].strip()
        world = normalize_alias(name).startswith("total world")
        found = KnownName(None, None)
        if not world:
            role = "recipient" if direction == "imports" else "supplier"
            found = (
                check.parse(country_label, record.fields[0], names.parser(role), required=True)
                or found
            )
        if name:
            earlier = seen.get(normalize_alias(name))
            if earlier is not None:
                check.reject(
                    country_label,
                    record.fields[0],
                    f"'{name}' already has a line in this table (line {earlier})",
                )
            else:
                seen[normalize_alias(name)] = record.line_number
        for position, year in year_columns:
            cell = record.fields[position]
            tiv = check.parse(header.labels[position].strip(), cell, tiv_figure(decimal_comma))
            if tiv is None:
                continue
            rows.append(
                {
                    "direction": direction,
                    "country_name": name,
                    "country_iso3": found.iso3,
                    "country_actor_type": found.actor_type,
                    "actor_rule": found.rule,
                    "is_world_total": world,
                    "year": year,
                    "tiv": tiv,
                    "tiv_as_reported": cell,
                    "classification": CLASSIFICATION,
                    "load_id": load_id,
                    "file_name": path.name,
                    "source_row_number": record.line_number,
                }
            )
        parsed.append((record, [] if check.rejects else rows, check.rejects))
    keys = [
        f"{row['direction']}|{row['country_name']}|{row['year']}"
        for _, rows, _ in parsed
        for row in rows
    ]
    earlier_loads = already_in_warehouse(
        con, TIV_TABLE, "concat_ws('|', direction, country_name, year)", keys
    )
    table_rows: list[dict] = []
    rejects: list[Reject] = []
    loaded = 0
    for record, rows, row_rejects in parsed:
        for row in rows:
            key = f"{row['direction']}|{row['country_name']}|{row['year']}"
            if key in earlier_loads:
                file_name, earlier_load = earlier_loads[key]
                row_rejects.append(
                    Reject(
                        record.line_number,
                        str(row["year"]),
                        row["tiv_as_reported"],
                        f"{row['direction']} of {row['country_name']} in {row['year']} are "
                        f"already in the warehouse from {file_name} (load {earlier_load})",
                    )
                )
        if row_rejects:
            rejects.extend(row_rejects)
        else:
            table_rows.extend(rows)
            loaded += 1
            for row in rows[:1]:
                found = names.resolve(row["country_name"])
                if isinstance(found, KnownName):
                    names.seen(row["country_name"], found, row, TIV_TABLE)
    insert_typed(con, TIV_TABLE, table_rows)
    record_rule_resolved_actors(con, names)
    return Loaded(TIV_TABLE, len(parsed), loaded, rejects)
