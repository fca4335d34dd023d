"""The view register_mirror_check on a tiny exporter / importer fixture pair loaded through the
real path: one match, one mismatch, one exporter-only, one importer-only, SALW sub-categories
summed, nil reports and non-state counterparts left out, ATT compared per basis."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from embargo.warehouse import connect_read_only
from ingest.build import build_warehouse
from ingest.files import ingest_files

UNROCA_HEADER = (
    "reporting_state,calendar_year,flow,category,counterpart_state,number_of_items,description"
)
EXPORTERS = [
    "France,2019,export,II,Chad,10,",  # Chad reports 10: match
    "France,2019,export,I,Chad,5,",  # Chad reports 3: mismatch
    "France,2019,export,III,Niger,4,",  # Niger reports nothing: exporter only
    "France,2019,export,SALW-small:rifles,Mali,100,",  # two SALW lines, 120 in all ...
    "France,2019,export,SALW-light:mortars,Mali,20,",  # ... against Mali's 120: match
    "France,2019,export,VI,,0,nil",  # nil report: no numbers
    "France,2019,export,II,Ukraine Rebels*,3,",  # non-state recipient: no mirror
    "Germany,2019,export,I,,0,nil",  # Germany filed a (nil) export report for 2019
]
IMPORTERS = [
    [
        "reporting_state",
        "calendar_year",
        "flow",
        "category",
        "counterpart_state",
        "number_of_items",
    ],
    ["Chad", 2019, "import", "II", "France", 10],
    ["Chad", 2019, "import", "I", "France", 3],
    ["Chad", 2019, "import", "IV", "Germany", 2],  # Germany reports nothing: importer only
    ["Mali", 2019, "import", "SALW-small:rifles", "France", 120],
]
ATT_LINES = [
    "reporting_state,year,flow,basis,category,counterpart_state,number_of_items,value,currency",
    "Sweden,2021,export,actual,IV,Brazil,2,,",
    "Brazil,2021,import,actual,IV,Sweden,2,30000000,USD",
    "Sweden,2021,export,authorized,VIII:rifles,Brazil,,500000,SEK",
    "Brazil,2021,import,authorized,VIII,Sweden,,60000,USD",
    "Sweden,2021,export,authorized,IV,Brazil,4,,",
]


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    folder = tmp_path_factory.mktemp("mirror")
    db = folder / "w.duckdb"
    build_warehouse(db)
    exporters = folder / "unroca_exporters.csv"
    exporters.write_text("\n".join([UNROCA_HEADER, *EXPORTERS]) + "\n", "utf-8")
    importers = folder / "unroca_importers.xlsx"
    workbook = openpyxl.Workbook()
    for row in IMPORTERS:
        workbook.active.append(row)
    workbook.save(importers)
    att = folder / "att_pair.csv"
    att.write_text("\n".join(ATT_LINES) + "\n", "utf-8")
    reports = ingest_files(db, [exporters, importers, att])
    assert [(r.status, r.rows_rejected) for r in reports] == [("loaded", 0)] * 3
    return db, {report.path.name: report.load_id for report in reports}


def mirror(db: Path, columns: str) -> list[tuple]:
    con = connect_read_only(db)
    try:
        return con.execute(f"SELECT {columns} FROM register_mirror_check").fetchall()
    finally:
        con.close()


def test_un_register_mirror_numbers(loaded):
    db, _ = loaded
    rows = mirror(
        db,
        "source_id, basis, supplier_iso3, recipient_iso3, year, category, exporter_lines, "
        "importer_lines, exporter_reported_items, importer_reported_items, discrepancy_items, "
        "both_reported, status, other_side_reported, classification",
    )
    assert [row for row in rows if row[0] == "un_register"] == [
        ("un_register", None, "DEU", "TCD", 2019, "IV", 0, 1, None, 2.0, None, False,
         "importer_only", True, "public"),
        ("un_register", None, "FRA", "MLI", 2019, "SALW", 2, 1, 120.0, 120.0, 0.0, True,
         "match", True, "public"),
        ("un_register", None, "FRA", "NER", 2019, "III", 1, 0, 4.0, None, None, False,
         "exporter_only", False, "public"),
        ("un_register", None, "FRA", "TCD", 2019, "I", 1, 1, 5.0, 3.0, 2.0, True,
         "mismatch", True, "public"),
        ("un_register", None, "FRA", "TCD", 2019, "II", 1, 1, 10.0, 10.0, 0.0, True,
         "match", True, "public"),
    ]  # fmt: skip


def test_att_mirror_per_basis(loaded):
    db, _ = loaded
    rows = mirror(
        db,
        "source_id, basis, supplier_iso3, recipient_iso3, year, category, exporter_lines, "
        "importer_lines, exporter_reported_items, importer_reported_items, discrepancy_items, "
        "both_reported, status, other_side_reported",
    )
    assert [row for row in rows if row[0] == "att_reports"] == [
        ("att_reports", "actual", "SWE", "BRA", 2021, "IV", 1, 1, 2.0, 2.0, 0.0, True,
         "match", True),
        ("att_reports", "authorized", "SWE", "BRA", 2021, "IV", 1, 0, 4.0, None, None, False,
         "exporter_only", True),
        ("att_reports", "authorized", "SWE", "BRA", 2021, "SALW", 1, 1, None, None, None, True,
         "not_comparable", True),
    ]  # fmt: skip


def test_mirror_rows_name_their_files_and_loads(loaded):
    db, load_ids = loaded
    rows = mirror(
        db,
        "supplier_iso3, recipient_iso3, category, exporter_files, importer_files, "
        "exporter_load_ids, importer_load_ids",
    )
    exporters, importers = load_ids["unroca_exporters.csv"], load_ids["unroca_importers.xlsx"]
    assert ("FRA", "TCD", "I", "unroca_exporters.csv", "unroca_importers.xlsx", exporters,
            importers) in rows  # fmt: skip
    assert ("DEU", "TCD", "IV", None, "unroca_importers.xlsx", None, importers) in rows
    assert ("FRA", "NER", "III", "unroca_exporters.csv", None, exporters, None) in rows
