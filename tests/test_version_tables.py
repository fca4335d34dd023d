"""Every table that keeps versions of observed records (`*_versions`) carries the same version
columns, of the same types and nullability, described in the same words: DuckDB cannot share
column definitions between tables, so this test keeps the copies alike."""

from __future__ import annotations

# The columns every version table ends with, in this order: which version, when it was known,
# when and by which load it was replaced, and where it came from.
VERSION_COLUMNS = (
    ("version", "INTEGER", False),
    ("recorded_at", "TIMESTAMP", False),
    ("superseded_at", "TIMESTAMP", True),
    ("superseded_by_load_id", "VARCHAR", True),
    ("load_id", "VARCHAR", False),
    ("file_name", "VARCHAR", False),
    ("source_row_number", "BIGINT", False),
)
# Version tables of the records a file dates and may correct (the kit's as_of and correction).
DATED_VERSION_COLUMNS = (("as_of", "DATE", False), ("correction", "VARCHAR", True))
# Not versions of records: the warehouse's own bookkeeping.
NOT_RECORD_VERSIONS = {"table_versions", "warehouse_version"}


def version_tables(con) -> list[str]:
    rows = con.execute(
        "SELECT table_name FROM duckdb_tables() WHERE table_name LIKE '%\\_versions' ESCAPE '\\' "
        "ORDER BY table_name"
    ).fetchall()
    return [
        name
        for (name,) in rows
        if name not in NOT_RECORD_VERSIONS and not name.endswith("_earlier_versions")
    ]


# Records kept current in their own table, whose replaced versions move to another: each such
# table has its current table's columns (nullable alike), then when and by which load the
# version was replaced (a listed party's names too, kept in their own table while current).
EARLIER_VERSIONS = {
    "sanctioned_party_earlier_versions": ("sanctioned_parties", ("names",)),
    "seizure_event_earlier_versions": ("seizure_events", ()),
    "seizure_item_earlier_versions": ("seizure_items", ()),
}


def columns_of(con, table: str) -> list[tuple[str, str, bool, str | None]]:
    return con.execute(
        "SELECT column_name, data_type, is_nullable, comment FROM duckdb_columns() "
        "WHERE table_name = ? ORDER BY column_index",
        [table],
    ).fetchall()


def test_the_version_tables_are_the_ones_known(con):
    assert version_tables(con) == [
        "brokering_record_versions",
        "conflict_event_versions",
        "exemption_versions",
        "panel_finding_versions",
        "trace_request_versions",
    ]


def test_earlier_versions_tables_copy_their_current_tables(con):
    rows = con.execute(
        "SELECT table_name FROM duckdb_tables() WHERE table_name LIKE '%earlier\\_versions' "
        "ESCAPE '\\' ORDER BY table_name"
    ).fetchall()
    assert [name for (name,) in rows] == list(EARLIER_VERSIONS)
    for earlier, (current, kept_besides) in EARLIER_VERSIONS.items():
        copied = [(name, kind) for name, kind, _, _ in columns_of(con, current)]
        names = [(name, kind) for name, kind, _, _ in columns_of(con, earlier)]
        assert names[: len(copied)] == copied, earlier
        assert [name for name, _ in names[len(copied) :]] == [
            *kept_besides,
            "superseded_at",
            "superseded_by_load_id",
        ], earlier


def test_every_version_table_ends_with_the_same_version_columns(con):
    for table in version_tables(con):
        tail = columns_of(con, table)[-len(VERSION_COLUMNS) :]
        assert [(name, kind, nullable) for name, kind, nullable, _ in tail] == list(
            VERSION_COLUMNS
        ), table


def test_the_version_columns_are_described_alike(con):
    # The descriptions differ only by the record's name ("of the notification", "of the event")
    # after which the words are the same. file_name and source_row_number describe each format's
    # own files (a GeoJSON feature's position, a spreadsheet row), so they may differ.
    alike = [
        name for name, _, _ in VERSION_COLUMNS if name not in ("file_name", "source_row_number")
    ]
    described = {}
    for table in version_tables(con):
        for name, _, _, comment in columns_of(con, table):
            if name in alike:
                described.setdefault(name, set()).add(comment.split(" of the ")[0])
    assert {name: len(texts) for name, texts in described.items()} == dict.fromkeys(alike, 1)


def test_the_dated_records_carry_as_of_and_correction(con):
    for table in version_tables(con):
        names = [(name, kind, nullable) for name, kind, nullable, _ in columns_of(con, table)]
        has_dates = any(column[0] == "as_of" for column in names)
        if table == "conflict_event_versions":
            # Releases date conflict events (the release column); they are never corrected by file.
            assert not has_dates
            continue
        at = names.index(DATED_VERSION_COLUMNS[0])
        assert names[at : at + 2] == list(DATED_VERSION_COLUMNS), table
