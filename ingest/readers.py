"""Reading delimited text files into (row number, record) pairs, with row numbers as a user sees
them in a text editor or spreadsheet: the header is line 1."""

from __future__ import annotations

import csv
from collections.abc import Iterator, Sequence
from pathlib import Path


class FileRefused(Exception):
    """The file cannot be read at all; the message names the file and what is wrong."""


def read_csv_records(
    path: Path, expected_columns: Sequence[str]
) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield (line number where the record starts, record) for each data row of a UTF-8 CSV.
    A file missing any expected column is refused whole, naming the missing columns."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        header = reader.fieldnames or []
        missing = [name for name in expected_columns if name not in header]
        if missing:
            raise FileRefused(
                f"{path.name}: missing column(s) {', '.join(missing)}; "
                f"expected header: {','.join(expected_columns)}"
            )
        next_line = 2
        for record in reader:
            yield next_line, record
            next_line = reader.line_num + 1
