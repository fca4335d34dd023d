"""The as-delivered records of a SIPRI trade-register load. The raw file store (each file kept
whole, named by its SHA-256, never changed) is the raw layer: `raw_sipri` keeps only the records
a load rejected, and an accepted record is read on demand from the kept file, by the load and the
row number its transfers rows carry (transfers.source_row_number), through the same reader the
load used, so the cells are those the load read."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import duckdb

from ingest.files import kept_file
from ingest.sources.sipri import (
    as_delivered,
    cells_of,
    export_lines,
    map_columns,
    register_records,
)
from ingest.sources.sipri_header import find_header

FORMAT_NAME = "sipri"


def delivered_rows(
    con: duckdb.DuckDBPyConnection, raw_dir: Path, load_id: str, row_numbers: Sequence[int]
) -> list[dict]:
    """The records of the load's trade register that start on these row numbers, as text, in
    raw_sipri's columns (the layout's cells, layout, extra_columns, load_id, file_name,
    source_row_number), by row number; FileNotFoundError when the raw store no longer holds the
    file, KeyError for an unknown load."""
    found = con.execute(
        "SELECT file_name, file_sha256 FROM load_log WHERE load_id = ? AND file_format = ?",
        [load_id, FORMAT_NAME],
    ).fetchone()
    if found is None:
        raise KeyError(f"no SIPRI load {load_id}")
    file_name, sha256 = found
    path = kept_file(raw_dir, FORMAT_NAME, sha256)
    lines = export_lines(path)
    header = find_header(lines)
    if header is None or header.layout == "tiv_table":
        return []
    columns = map_columns(path, header)
    wanted = set(row_numbers)
    return [
        as_delivered(record, cells_of(record, columns), columns, header, load_id, file_name)
        for record in register_records(lines, header, columns)
        if record.line_number in wanted
    ]
