"""The classic SIPRI register read column-wise (ingest.sources.sipri_classic) gives what the
record-by-record reader gives: the spread over delivery years to the last bit of every float,
Python's trim of any whitespace, and the records it leaves to that reader (which accepts some
of them) numbered among the others in file order. Files are invented and loaded through the
real ingest path into a real warehouse."""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

import pytest
from support import copy_of, query

from ingest.files import ingest_files
from ingest.sources import sipri
from ingest.sources.sipri_classic import PYTHON_WHITESPACE

HEADER = (
    "Recipient,Supplier,Year of order, ,Number ordered, ,Weapon designation,Weapon description,"
    "Number delivered, ,Year(s) of delivery,status,Comments,SIPRI TIV per unit,"
    "SIPRI TIV for total order,SIPRI TIV of delivered weapons\n"
)
PREAMBLE = "Transfers of major conventional arms (INVENTED TEST FILE)\n\n"


@pytest.fixture
def db(warehouse: Path, tmp_path: Path) -> Path:
    return copy_of(warehouse, tmp_path)


def register(folder: Path, lines: list[str]) -> Path:
    path = folder / "register.csv"
    path.write_text(PREAMBLE + HEADER + "".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def deal(
    number: str, years: str, tiv: str, designation: str = "Kestrel", delivered: str = ""
) -> str:
    delivered = delivered or number
    return f"Kenya,France,2010,,{number},,{designation},APC,{delivered},,{years},New,,1,,{tiv}"


def test_the_spread_over_delivery_years_is_the_record_readers_to_the_last_bit(db, tmp_path):
    chosen = random.Random(22)
    deals = []
    for index in range(400):
        count = chosen.choice([1, 2, 3, 4, 7, 12, 32, 40])
        years = sorted(chosen.sample(range(1950, 2024), count), key=lambda _: chosen.random())
        number = chosen.choice([None, 0, 1, 3, 7, 10, 31, 1000, chosen.randrange(5000)])
        tiv = chosen.choice(
            [None, "0", "0.01", "0.0001", "14", "2.5", "1.35", "0.3", f"{chosen.random():.4f}"]
        )
        deals.append((f"K-{index}", years, number, tiv))
    path = register(
        tmp_path,
        [
            deal("" if number is None else str(number), "; ".join(map(str, years)), tiv or "", name)
            for name, years, number, tiv in deals
        ],
    )
    (report,) = ingest_files(db, [path])
    assert (report.status, report.rows_read, report.rows_loaded) == ("loaded", 400, 400)
    loaded = query(
        db,
        "SELECT designation, delivery_year, quantity, value FROM transfers "
        "ORDER BY source_row_number, delivery_year",
    )
    expected = [
        (name, year, None if items is None else float(items), value)
        for name, years, number, tiv in deals
        for year, items, value in sipri.spread_deliveries(
            years, number, None if tiv is None else float(tiv)
        )
    ]
    assert len(loaded) == len(expected) == sum(len(years) for _, years, _, _ in deals)
    # Exact: the same floats, sign of zero included.
    assert [(n, y, q, v, str(v)) for n, y, q, v in loaded] == [
        (n, y, q, v, str(v)) for n, y, q, v in expected
    ]


def test_python_whitespace_is_trimmed_as_the_record_reader_trims_it(db, tmp_path):
    import duckdb

    every_space = duckdb.connect().execute(f"SELECT {PYTHON_WHITESPACE}").fetchone()[0]
    assert every_space == "".join(c for c in map(chr, range(0x110000)) if c.isspace())
    path = register(
        tmp_path,
        [
            "\u00a0Kenya\u2003,\tFrance \u3000,2010,,3,,\u2028Kestrel\u2029,APC,3,,2011 ; "
            "\u20092012,New,\u00a0résumé\u00a0,1,,6"
        ],
    )
    (report,) = ingest_files(db, [path])
    assert (report.status, report.rows_loaded) == ("loaded", 1)
    assert query(
        db,
        "SELECT supplier_name, recipient_name, designation, comments, delivery_year, quantity, "
        "value FROM transfers ORDER BY delivery_year",
    ) == [
        ("France", "Kenya", "Kestrel", "résumé", 2011, 2.0, 4.0),
        ("France", "Kenya", "Kestrel", "résumé", 2012, 1.0, 2.0),
    ]


def test_records_left_to_the_record_reader_are_numbered_among_the_others(db, tmp_path):
    # The same deal five times: lines 4 and 6 read column-wise, line 5 ("3.0" items delivered)
    # and 7 (a year in Arabic-Indic digits) left to the record-by-record reader, which accepts
    # both; line 8 is rejected by it (a negative TIV) and takes no number.
    path = register(
        tmp_path,
        [
            deal("3", "2011", "6"),
            deal("3", "2012", "6", delivered="3.0"),
            deal("3", "2013", "6"),
            deal("3", "\u0662\u0660\u0661\u0664", "6"),
            deal("3", "2015", "-6"),
        ],
    )
    (report,) = ingest_files(db, [path])
    assert (report.status, report.rows_read, report.rows_loaded, report.rows_rejected) == (
        "loaded",
        5,
        4,
        1,
    )
    rows = query(
        db,
        "SELECT source_row_number, source_record_id, transfer_id, delivery_year, quantity, value "
        "FROM transfers ORDER BY source_row_number",
    )
    first = rows[0][1]
    assert first.startswith("classic-") and len(first) == len("classic-") + 16
    assert rows == [
        (4, first, f"sipri_trade_register:{first}:2011", 2011, 3.0, 6.0),
        (5, f"{first}-2", f"sipri_trade_register:{first}-2:2012", 2012, 3.0, 6.0),
        (6, f"{first}-3", f"sipri_trade_register:{first}-3:2013", 2013, 3.0, 6.0),
        (7, f"{first}-4", f"sipri_trade_register:{first}-4:2014", 2014, 3.0, 6.0),
    ]
    assert query(db, "SELECT row_number, column_name, value, reason FROM rejects") == [
        (8, "SIPRI TIV of delivered weapons", "-6", "a TIV figure cannot be negative")
    ]
    assert query(db, "SELECT source_row_number FROM raw_sipri") == [(8,)]


def test_loading_a_classic_register_imports_no_data_frame_library(db):
    # A fresh process, as `embargo ingest` runs (pandas marked absent, as the command does): the
    # classic register is read and written by DuckDB, the load log and rejects go in without a
    # frame.
    fixture = Path(__file__).parent / "fixtures" / "sipri" / "classic_register.csv"
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from embargo.cli import without_pandas\n"
        "without_pandas()\n"
        "from ingest.files import ingest_files\n"
        "(report,) = ingest_files(Path(sys.argv[1]), [Path(sys.argv[2])])\n"
        "print(report.rows_read, report.rows_loaded, report.rows_rejected)\n"
        "print(sorted(m for m in ('polars', 'pyarrow', 'numpy', 'pandas') if sys.modules.get(m)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(db), str(fixture)],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parents[1],
    )
    assert done.stdout.splitlines() == ["25 8 17", "[]"]
