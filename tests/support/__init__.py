"""What the tests share: reading a warehouse in one call, writing CSV fixtures, and (in pgcluster)
a throw-away PostgreSQL cluster for the shared-catalog tests and the load benchmark."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from embargo.warehouse.connections import Location, connect_read_only


def query(db: Location, sql: str, params: Sequence | Mapping | None = None) -> list[tuple]:
    """The rows of one statement, read through a read-only connection opened and closed here."""
    con = connect_read_only(db)
    try:
        values = params if isinstance(params, Mapping) else list(params or [])
        return con.execute(sql, values).fetchall()
    finally:
        con.close()


def write_csv(
    path: Path,
    header: Sequence[str],
    rows: Iterable[Sequence | Mapping],
    lineterminator: str = "\n",
) -> Path:
    """A CSV file of the header and the rows: a row is a list of cells, or a mapping from column
    to cell (columns it lacks are empty, keys not in the header are left out)."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator=lineterminator)
        writer.writerow(header)
        for row in rows:
            writer.writerow([row.get(c, "") for c in header] if isinstance(row, Mapping) else row)
    return path
