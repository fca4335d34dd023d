"""What the tests share: reading a warehouse in one call (query, scalar, rejects_of, log_of), a
warehouse of a test's own (copy_of, warehouse_with), fixture files (write_csv, write_xlsx, the
committed ones under FIXTURES), a dashboard page opened as a viewer opens it (page_of, in a
language, with query parameters), and, in pgcluster, a throw-away PostgreSQL cluster for the
shared-catalog tests and the load benchmark."""

from __future__ import annotations

import csv
import shutil
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from embargo.warehouse.connections import Location, connect_read_only
from ingest.kit.warehouse_file import wal_of

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
# A SIPRI export naming actors only SIPRI's bracket rule knows, one bracket naming two countries
# and one unknown name (tests of the rule, the Sources page, reprocessing and links).
BRACKETED_ACTORS = FIXTURES / "sipri" / "bracketed_actors.csv"

# What the alias table and the country names offer ("did you mean") for the invented names of the
# fixtures; a name absent here has no candidate.
DID_YOU_MEAN = {
    "Atlantis": "'Albania' or 'Falkland Is.'",
    "Narnia": "'Armenia', 'Tanzania' or 'Argentina'",
    "Ruritania": "'Mauritania', 'Lithuania' or 'Britain'",
    "Darfur rebels*": "'Darfur rebels (Sudan)*', 'Ukraine Rebels*' or 'Haiti rebels*'",
}
REGISTER_HINT = "register it with `embargo actors add` (names are never guessed)"


def unknown_name(name: str, column: str | None = None) -> str:
    """The reject reason of a name that nothing maps, in every format."""
    what = f"{column} '{name}'" if column else f"'{name}'"
    if name not in DID_YOU_MEAN:
        return f"{what} is not a known country or actor name; {REGISTER_HINT}"
    return (
        f"{what} is not a known country or actor name; did you mean {DID_YOU_MEAN[name]}? "
        f"If not, {REGISTER_HINT}"
    )


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


def write_xlsx(path: Path, sheets: Mapping[str, Iterable[Sequence]]) -> Path:
    """A workbook with one sheet per entry, its rows as given."""
    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    workbook.save(path)
    return path


def rejects_of(db: Location, file_name: str) -> list[tuple]:
    """The rejected rows of a file: row, column, value and reason, in row order."""
    return query(
        db,
        "SELECT row_number, column_name, value, reason FROM rejects WHERE file_name = ? "
        "ORDER BY row_number, coalesce(column_name, '')",
        [file_name],
    )


def log_of(db: Location, file_name: str) -> list[tuple]:
    """The load log of a file: source, format, table and the rows read, loaded and rejected."""
    return query(
        db,
        "SELECT source_id, file_format, target_table, rows_read, rows_loaded, rows_rejected "
        "FROM load_log WHERE file_name = ?",
        [file_name],
    )


def copy_of(warehouse: Path, folder: Path) -> Path:
    """A warehouse of its own in `folder`: a copy of a built one (a build takes seconds)."""
    return copy_warehouse(warehouse, folder / "w.duckdb")


def copy_warehouse(warehouse: Path, target: Path) -> Path:
    """A copy of a warehouse as a backup takes it: the file and, after a load written in place,
    the write-ahead log beside it that holds the load's changes."""
    shutil.copyfile(warehouse, target)
    if wal_of(warehouse).exists():
        shutil.copyfile(wal_of(warehouse), wal_of(target))
    return target


def scalar(db: Location, sql: str, params: Sequence | Mapping | None = None):
    """The first column of the first row of a statement."""
    return query(db, sql, params)[0][0]


def page_of(page: str, language: str | None = None, query: Mapping[str, str] | None = None):
    """The dashboard (AppTest of dashboard/app.py) run once, switched to `page` and run again,
    without an exception: as a viewer opening that page from the navigation, in `language` (the
    session's Language control) with the page's query parameters `query`. The language stays
    until the test ends (tests/conftest.py sets English again)."""
    from streamlit.testing.v1 import AppTest

    from embargo.config import DASHBOARD_APP
    from embargo.i18n import set_language

    at = AppTest.from_file(str(DASHBOARD_APP), default_timeout=120)
    if language is not None:
        set_language(language)
        at.session_state["access_language"] = language
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    at.switch_page(page)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def warehouse_with(warehouse: Path, folder: Path, files: Sequence[Path] = ()) -> Path:
    """A copy of a built warehouse in `folder` with `files` loaded through `embargo ingest`'s
    path; the account and audit store beside it unless EMBARGO_ACCESS_DB names another."""
    from ingest.files import ingest_files

    path = copy_of(warehouse, folder)
    if files:
        ingest_files(path, list(files))
    return path
