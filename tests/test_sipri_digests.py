"""What the SIPRI reader writes, to the last cell: a digest of every row it puts in transfers,
raw_sipri, sipri_tiv_totals and rejects (row numbers, reasons and values included) for the four
real SIPRI exports and the test fixtures, and of every record as delivered (`as_delivered`: the
rejected ones as raw_sipri keeps them, the accepted ones read from the kept file). A reader
rewritten for speed (column-wise instead of record by record) must give the same digests; no
SIPRI record is reproduced in the project, only counts and digests. raw_sipri kept every record
until it kept the rejected ones only: `as_delivered` gives the digests raw_sipri gave then."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest
from support.sipri_delivered import digest_as_delivered

from ingest.files import ingest_files

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "sipri"
# Every row of the table from the file, as text, sorted; md5 of the lines. The reader's columns
# only: not the load id, nor what later loads record on a reject (resolved_by_load_id).
READERS_COLUMNS = {
    "transfers": "* EXCLUDE (load_id)",
    "raw_sipri": "* EXCLUDE (load_id)",
    "sipri_tiv_totals": "* EXCLUDE (load_id)",
    "rejects": "file_name, row_number, column_name, value, reason",
}
DIGEST = (
    "SELECT count(*), md5(coalesce(string_agg(CAST(t AS VARCHAR), chr(10) "
    "ORDER BY CAST(t AS VARCHAR)), '')) FROM (SELECT {columns} FROM {table} "
    "WHERE file_name = ?) AS t"
)
NONE = (0, "d41d8cd98f00b204e9800998ecf8427e")

SHARED = {
    "tiv-table_exports-by-supplier_1950-2024_generated-2024-10-13.csv": (
        ("loaded", 137, 137, 0),
        {"sipri_tiv_totals": (2742, "3eb66dcbede11b3c2054b27741018e68")},
    ),
    "tiv-table_imports-by-recipient_1950-2024_generated-2024-10-13.csv": (
        ("loaded", 262, 262, 0),
        {"sipri_tiv_totals": (8050, "67dae3d4dddc5fadc9354018292ae412")},
    ),
    "trade-register_classic_all_1950-2024_generated-2024-10-13.csv": (
        ("loaded", 27951, 27951, 0),
        {
            "transfers": (59157, "a28b7e60ab529fba4a80e35cce6ff255"),
            "as_delivered": (27951, "9b3ecfbe9f8c4a82d23477abb8169095"),
        },
    ),
    "trade-register_new-format_to-Ukraine_2000-2024_generated-2025-02-17.csv": (
        ("loaded", 382, 382, 0),
        {
            "transfers": (382, "5622cef9f9a1015660348fb7d026e71e"),
            "as_delivered": (382, "fc0abf98f8b6524100d310db70d16c78"),
        },
    ),
}
FIXTURE_FILES = {
    "classic_register.csv": (
        ("loaded", 25, 8, 17),
        {
            "transfers": (14, "d7897402795744f6699fb6066443a825"),
            "raw_sipri": (17, "d7fee5871c60735dac2425fb164e2cb0"),
            "as_delivered": (25, "dc050aed951967754291b1e210624df6"),
            "rejects": (17, "e3efff7372790d2d97b89066eb711908"),
        },
    ),
    "new_register.csv": (
        ("loaded", 14, 6, 8),
        {
            "transfers": (6, "f2a58517316c879a437e4b11b7973cae"),
            "raw_sipri": (8, "0266ea6a20d85228007e5791bed089c8"),
            "as_delivered": (14, "dd7c6c5ec77a5db9620e2bb6221dcf62"),
            "rejects": (8, "ee3ee2dbde29d3a75c61d9df816ae1fb"),
        },
    ),
    "tiv_imports.csv": (
        ("loaded", 7, 3, 4),
        {
            "sipri_tiv_totals": (7, "6f827c5cfb5dcb4f1976e6c54d4f70f6"),
            "rejects": (4, "b8ac1a4ddd6f09ebb7d16e57f2f1e47b"),
        },
    ),
    "bracketed_actors.csv": (
        ("loaded", 6, 4, 2),
        {
            "transfers": (4, "3dfb6563b5ddcda8d41174245bf2060f"),
            "raw_sipri": (2, "3a08cc8bfec82693e941e1b4ad9dddd4"),
            "as_delivered": (6, "e88ef8b668d4873a90f23209ce588def"),
            "rejects": (2, "4553cb47647b01c1eae9c4542f3bae62"),
        },
    ),
}


def loaded_digests(warehouse: Path, folder: Path, paths: list[Path]) -> dict:
    db = folder / "w.duckdb"
    shutil.copyfile(warehouse, db)
    reports = ingest_files(db, paths)
    con = duckdb.connect(str(db), read_only=True)
    try:
        digests = {
            report.path.name: (
                (report.status, report.rows_read, report.rows_loaded, report.rows_rejected),
                {
                    table: digest
                    for table, columns in READERS_COLUMNS.items()
                    if (
                        digest := con.execute(
                            DIGEST.format(table=table, columns=columns), [report.path.name]
                        ).fetchone()
                    )
                    != NONE
                },
            )
            for report in reports
        }
    finally:
        con.close()
    for report in reports:
        if (records := digest_as_delivered(db, report.load_id)) != NONE:
            digests[report.path.name][1]["as_delivered"] = records
    return digests


def test_the_real_exports_give_the_same_rows_to_the_last_cell(warehouse, shared_dir, tmp_path):
    folder = shared_dir / "data" / "sipri"
    if not folder.is_dir():
        pytest.skip(f"{folder} is missing")
    paths = [folder / name for name in sorted(SHARED)]
    assert loaded_digests(warehouse, tmp_path, paths) == SHARED


def test_the_fixtures_give_the_same_rows_and_rejects_to_the_last_cell(warehouse, tmp_path):
    paths = [FIXTURES / name for name in FIXTURE_FILES]
    assert loaded_digests(warehouse, tmp_path, paths) == FIXTURE_FILES
