"""Every record of a SIPRI trade-register load as delivered, whichever way it is kept: a rejected
record as raw_sipri holds it, an accepted one read from the raw store's kept file
(ingest.sources.sipri_delivered); each with `rejected`, in raw_sipri's columns, by row number."""

from __future__ import annotations

from pathlib import Path

import duckdb
import polars as pl

from embargo.warehouse.connections import connect_read_only
from ingest.sources.sipri_delivered import delivered_rows

# The digest of records: each one as the text of its row, sorted; md5 of the lines.
DIGEST = (
    "SELECT count(*), md5(coalesce(string_agg(CAST(t AS VARCHAR), chr(10) "
    "ORDER BY CAST(t AS VARCHAR)), '')) FROM (SELECT {columns} FROM records) AS t"
)


def records_as_delivered(db: Path, load_id: str) -> tuple[list[str], list[dict]]:
    """raw_sipri's column names, and every record of the load as delivered with `rejected`."""
    con = connect_read_only(db)
    try:
        kept = con.execute("SELECT * FROM raw_sipri WHERE load_id = ?", [load_id])
        names = [column[0] for column in kept.description]
        rejected = [dict(zip(names, row, strict=True)) for row in kept.fetchall()]
        loaded = con.execute(
            "SELECT DISTINCT source_row_number FROM transfers WHERE load_id = ? ORDER BY 1",
            [load_id],
        ).fetchall()
        accepted = delivered_rows(con, db.parent / "raw", load_id, [row for (row,) in loaded])
    finally:
        con.close()
    records = [{name: row.get(name) for name in names} | {"rejected": True} for row in rejected]
    records += [{name: row.get(name) for name in names} | {"rejected": False} for row in accepted]
    return names, sorted(records, key=lambda row: row["source_row_number"])


def digest_as_delivered(db: Path, load_id: str) -> tuple[int, str]:
    """(records, md5) of every record of the load as delivered: raw_sipri's columns but the load
    id, with `rejected` after extra_columns (the digest of raw_sipri when it kept every record)."""
    names, records = records_as_delivered(db, load_id)
    at = names.index("load_id")
    columns = [*names[:at], "rejected", *names[at + 1 :]]
    types = {"rejected": pl.Boolean, "source_row_number": pl.Int64}
    frame = pl.DataFrame(
        [{name: row[name] for name in columns} for row in records],
        schema={name: types.get(name, pl.String) for name in columns},
    )
    con = duckdb.connect()
    try:
        con.register("records", frame)
        return con.execute(
            DIGEST.format(columns=", ".join(f'"{name}"' for name in columns))
        ).fetchone()
    finally:
        con.close()
