"""The as-delivered rows of a seizures load. The raw file store (each file kept whole, named by
its SHA-256, never changed) is the raw layer: `raw_seizures` keeps only the rows a load
rejected, and an accepted row is read on demand from the kept file, by the load and the row
number its records carry (seizure_items.source_row_number), through the same reader the load
used, so the cells are those the load read."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from pathlib import Path

import duckdb

from ingest.kit.columnar import in_rows, raw_frame, read_frame
from ingest.sources.seizures.columns import FORMAT


def delivered_rows(
    con: duckdb.DuckDBPyConnection, raw_dir: Path, load_id: str, row_numbers: Sequence[int]
) -> list[dict]:
    """The rows of the load's file with these row numbers, as text, in the raw table's columns
    (the format's columns, extra_columns, load_id, file_name, source_row_number), by row
    number; FileNotFoundError when the raw store no longer holds the file."""
    found = con.execute(
        "SELECT file_name, file_sha256 FROM load_log WHERE load_id = ?", [load_id]
    ).fetchone()
    if found is None:
        raise KeyError(f"no load {load_id}")
    file_name, sha256 = found
    path = kept_file(raw_dir, sha256)
    records = read_frame(path, FORMAT.format_name, lambda where, header, rows: None)
    wanted = dataclasses.replace(records, frame=records.frame.filter(in_rows(row_numbers)))
    rows = raw_frame(wanted, FORMAT, set(), load_id, file_name).drop("loaded")
    return rows.sort("source_row_number").to_dicts()


def kept_file(raw_dir: Path, sha256: str) -> Path:
    """The file the raw store keeps for these bytes: in a folder named `<time>-<16 hex digits of
    its SHA-256>`, or kept flat as `<SHA-256 prefix>-<name>` by earlier versions."""
    # Imported here: ingest.files imports every format module.
    from ingest.files import raw_files

    for kept in raw_files(raw_dir):
        if kept.format_name != FORMAT.format_name:
            continue
        folder, prefix = kept.path.parent.name, kept.path.name.split("-", 1)[0]
        flat = len(prefix) >= 8 and sha256.startswith(prefix)
        if folder.endswith(f"-{sha256[:16]}") or flat:
            return kept.path
    raise FileNotFoundError(f"the raw store {raw_dir} holds no seizures file {sha256[:16]}")
