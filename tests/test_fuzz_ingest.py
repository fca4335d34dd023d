"""Every input format against bad files: random and mutated inputs (bytes flipped, cut short,
columns dropped, duplicated or reordered, cells replaced by junk, other encodings, huge fields)
never end in a traceback. Each file is either loaded (rows read = loaded + rejected, the load log
and the rejects agree) or refused with one message naming the file, and a refused file leaves
the warehouse exactly as it was. Empty files, binary files named .csv, UTF-16 files, files over
the size limit and XML entity bombs are refused clearly.

The tests iterate FORMAT_MODULES, so a new format is covered as soon as it is registered: it
needs a small valid seed file, tests/fixtures/fuzz/<format>.<ext>, to mutate."""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import zipfile
from collections import Counter
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from embargo.actors import Entry
from embargo.warehouse import connect_writable, run_checks
from ingest.files import DEFAULT_MAX_INPUT_MB, FileReport, ingest_into
from ingest.formats import FORMAT_MODULES, detect_format
from ingest.kit.tables import FileRefused
from ingest.registry import merge_registry

SEED_DIR = Path(__file__).parent / "fixtures" / "fuzz"
FORMATS = sorted(FORMAT_MODULES)

# Small, fixed runs: CI stays fast and reproducible (derandomized). EMBARGO_FUZZ_EXAMPLES=500
# runs a longer, random search; a failure prints the shrunk example to add as a fixed test.
FUZZ = settings(
    max_examples=int(os.environ.get("EMBARGO_FUZZ_EXAMPLES", "6")),
    deadline=None,
    derandomize="EMBARGO_FUZZ_EXAMPLES" not in os.environ,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

JUNK_CELLS = st.one_of(
    st.text(max_size=40),
    st.sampled_from(
        [
            "",
            " ",
            "?",
            "-1",
            "1e309",
            "NaN",
            "9" * 40,
            "2024-02-30",
            "0000-00-00",
            "'; DROP TABLE transfers; --",
            '"',
            "\r\n",
            "=cmd|' /C calc'!A0",
            "\u202e\u200b",
            "Côte d’Ivoire",
        ]
    ),
    # Huge fields stand as a short marker, so a failing example prints short.
    st.integers(10_000, 200_000).map(lambda n: f"<huge field of {n} characters>"),
)
HUGE = re.compile(r"<huge field of (\d+) characters>")


def seed_path(format_name: str) -> Path:
    found = sorted(SEED_DIR.glob(f"{format_name}.*"))
    assert found, (
        f"format '{format_name}' has no seed file to mutate: add a small valid file "
        f"tests/fixtures/fuzz/{format_name}.csv (or .xlsx, .xml) that loads"
    )
    return found[0]


def seed_text(format_name: str) -> str:
    data = seed_path(format_name).read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252")


@pytest.fixture(scope="module")
def fuzz_db(warehouse: Path, tmp_path_factory: pytest.TempPathFactory):
    """A writable copy of the reference-only warehouse, shared by the module's examples."""
    folder = tmp_path_factory.mktemp("fuzz")
    path = folder / "warehouse.duckdb"
    shutil.copyfile(warehouse, path)
    con = connect_writable(path)
    # The request the corrections seed corrects (apart from the traces seed's own requests).
    target = folder / "corrected_traces.csv"
    target.write_text(
        "trace_id,serial_number,requesting_entity,addressed_to,date_sent,status\n"
        "FZ-1,AK 1,Fuzz Panel,France,2024-01-10,pending\n",
        encoding="utf-8",
    )
    assert ingest_into(con, target, "traces").rows_loaded == 1
    # The broker the brokering seed names, as the actor registry gives it.
    stamp = "2026-11-30T09:00:00+00:00"
    merge_registry(con, [
        Entry("Fuzz Brokers Ltd", "GBR", "broker", None, "", "fuzz", stamp, "fuzz", stamp)
    ])  # fmt: skip
    yield con
    con.close()


def table_counts(con) -> dict[str, int]:
    """Rows in every table: a refused file must leave every one of them as it was."""
    tables = [
        name
        for (name,) in con.execute(
            "SELECT table_name FROM duckdb_tables() WHERE NOT internal ORDER BY table_name"
        ).fetchall()
    ]
    query = " UNION ALL ".join(f"SELECT '{t}', count(*) FROM {t}" for t in tables)
    return dict(con.execute(query).fetchall())


# (format asked for, outcome) -> files tried, printed at the end of the module with -s.
OUTCOMES: Counter[tuple[str, str]] = Counter()


def load_and_check(con, path: Path, format_name: str | None, detect: bool = True) -> FileReport:
    """Load one file and assert the contract: loaded and accounted for, or refused cleanly.
    `detect` also asks every format whether it recognises the file (it must not crash)."""
    if detect:
        try:
            detect_format(path)
        except FileRefused as refused:
            assert path.name in str(refused)
    report = _load_and_check(con, path, format_name)
    OUTCOMES[(format_name or "detected", report.status)] += 1
    return report


def _load_and_check(con, path: Path, format_name: str | None) -> FileReport:
    before = table_counts(con)
    report = ingest_into(con, path, format_name)
    after = table_counts(con)
    if report.status == "refused":
        assert report.message.startswith(path.name), report.message
        assert after == before, f"refused, yet the warehouse changed: {report.message}"
        return report
    if report.status == "already_loaded":
        assert after == before
        return report
    assert report.status == "loaded"
    assert report.rows_read == report.rows_loaded + report.rows_rejected, report
    logged = con.execute(
        "SELECT file_name, rows_read, rows_loaded, rows_rejected FROM load_log WHERE load_id = ?",
        [report.load_id],
    ).fetchall()
    assert logged == [(path.name, report.rows_read, report.rows_loaded, report.rows_rejected)]
    rejected = con.execute(
        "SELECT count(DISTINCT row_number), count(*) FILTER (WHERE reason = '' OR reason IS NULL), "
        "count(*) FILTER (WHERE file_name <> ?) FROM rejects WHERE load_id = ?",
        [path.name, report.load_id],
    ).fetchone()
    assert rejected == (report.rows_rejected, 0, 0)
    assert after["load_log"] == before["load_log"] + 1
    return report


def expand(cell: str) -> str:
    return HUGE.sub(lambda match: "x" * int(match.group(1)), cell)


def write_rows(rows: list[list[str]]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return expand(out.getvalue())


@st.composite
def mutated_table(draw, text: str) -> list[list[str]]:
    """The seed's rows with columns dropped, duplicated or reordered, cells replaced by junk,
    rows dropped or repeated."""
    rows = list(csv.reader(io.StringIO(text)))
    width = max(len(row) for row in rows)
    rows = [row + [""] * (width - len(row)) for row in rows]
    for _ in range(draw(st.integers(1, 4))):
        action = draw(
            st.sampled_from(["drop_column", "dup_column", "reorder", "junk", "drop_row", "dup_row"])
        )
        width = len(rows[0])
        if action == "drop_column" and width > 1:
            index = draw(st.integers(0, width - 1))
            rows = [row[:index] + row[index + 1 :] for row in rows]
        elif action == "dup_column":
            index = draw(st.integers(0, width - 1))
            rows = [[*row, row[index]] for row in rows]
        elif action == "reorder":
            order = draw(st.permutations(range(width)))
            rows = [[row[i] for i in order] for row in rows]
        elif action == "junk":
            for _ in range(draw(st.integers(1, 5))):
                row = draw(st.integers(0, len(rows) - 1))
                column = draw(st.integers(0, width - 1))
                rows[row][column] = draw(JUNK_CELLS)
        elif action == "drop_row" and len(rows) > 1:
            del rows[draw(st.integers(0, len(rows) - 1))]
        elif action == "dup_row":
            rows.append(list(rows[draw(st.integers(0, len(rows) - 1))]))
    return rows


@st.composite
def mutated_bytes(draw, data: bytes) -> bytes:
    """The seed's bytes flipped, deleted, inserted or cut short."""
    data = bytearray(data)
    for _ in range(draw(st.integers(1, 6))):
        action = draw(st.sampled_from(["flip", "delete", "insert", "truncate"]))
        if not data:
            break
        position = draw(st.integers(0, len(data) - 1))
        if action == "flip":
            data[position] ^= draw(st.integers(1, 255))
        elif action == "delete":
            del data[position : position + draw(st.integers(1, 64))]
        elif action == "insert":
            data[position:position] = draw(st.binary(min_size=1, max_size=16))
        else:
            del data[position:]
    return bytes(data)


ENCODINGS = ["utf-8", "utf-8-sig", "cp1252", "latin-1", "utf-16", "utf-16-le", "utf-8-crlf", "xlsx"]


def encode(rows: list[list[str]], encoding: str) -> bytes:
    if encoding == "xlsx":
        workbook = openpyxl.Workbook()
        for row in rows:
            workbook.active.append([ILLEGAL_CHARACTERS_RE.sub("", expand(cell)) for cell in row])
        out = io.BytesIO()
        workbook.save(out)
        return out.getvalue()
    text = write_rows(rows)
    if encoding == "utf-8-crlf":
        return text.replace("\n", "\r\n").encode("utf-8")
    return text.encode(encoding, errors="replace")


@pytest.mark.parametrize("format_name", FORMATS)
def test_seed_file_loads(fuzz_db, tmp_path, format_name):
    """Each seed is a valid file of its format: it is detected and loads."""
    path = tmp_path / f"seed_{seed_path(format_name).name}"
    shutil.copyfile(seed_path(format_name), path)
    assert detect_format(path) == format_name
    report = load_and_check(fuzz_db, path, None)
    assert report.status == "loaded" and report.rows_loaded > 0, report


@pytest.mark.parametrize("format_name", FORMATS)
def test_mutated_tables_load_or_are_refused(fuzz_db, tmp_path_factory, format_name):
    folder = tmp_path_factory.mktemp(f"table_{format_name}")
    counter = iter(range(10**6))

    @FUZZ
    @given(rows=mutated_table(seed_text(format_name)), encoding=st.sampled_from(ENCODINGS))
    def run(rows: list[list[str]], encoding: str) -> None:
        suffix = ".xlsx" if encoding == "xlsx" else ".csv"
        path = folder / f"{format_name}_{next(counter)}{suffix}"
        path.write_bytes(encode(rows, encoding))
        load_and_check(fuzz_db, path, format_name)

    run()


@pytest.mark.parametrize("format_name", FORMATS)
def test_mutated_bytes_load_or_are_refused(fuzz_db, tmp_path_factory, format_name):
    folder = tmp_path_factory.mktemp(f"bytes_{format_name}")
    counter = iter(range(10**6))

    @FUZZ
    @given(data=mutated_bytes(seed_path(format_name).read_bytes()), named=st.booleans())
    def run(data: bytes, named: bool) -> None:
        path = folder / f"{format_name}_{next(counter)}{seed_path(format_name).suffix}"
        path.write_bytes(data)
        load_and_check(fuzz_db, path, format_name if named else None)

    run()


@FUZZ
@given(data=st.binary(max_size=2000))
def test_random_bytes_are_refused_or_loaded(fuzz_db, tmp_path_factory, data):
    path = tmp_path_factory.mktemp("random") / "random.csv"
    path.write_bytes(data)
    for format_name in [None, *FORMATS]:
        load_and_check(fuzz_db, path, format_name)


def refused(con, path: Path, format_name: str | None, detect: bool = True) -> str:
    report = load_and_check(con, path, format_name, detect)
    assert report.status == "refused", report
    return report.message


@pytest.mark.parametrize("format_name", FORMATS)
def test_empty_and_blank_files_are_refused(fuzz_db, tmp_path, format_name):
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    assert refused(fuzz_db, empty, format_name) == "empty.csv: the file is empty"
    blank = tmp_path / "blank.csv"
    blank.write_bytes(b"\r\n  \n\t\n")
    message = refused(fuzz_db, blank, format_name)
    assert "empty" in message or "no element" in message, message  # XML: no root element


@pytest.mark.parametrize("format_name", FORMATS)
def test_header_only_file_is_refused(fuzz_db, tmp_path, format_name):
    if seed_path(format_name).suffix != ".csv":
        pytest.skip(f"{format_name}: not a delimited format")
    header = seed_text(format_name).splitlines(keepends=True)
    path = tmp_path / "header_only.csv"
    header_line = next(i for i, line in enumerate(header) if line.count(",") > 3)
    path.write_text("".join(header[: header_line + 1]), encoding="utf-8")
    report = load_and_check(fuzz_db, path, format_name)
    # Nothing to load is said plainly, whether as a refusal or as a load of no rows.
    assert report.status == "refused" or report.rows_read == 0, report


@pytest.mark.parametrize("format_name", FORMATS)
def test_binary_file_named_csv_is_refused(fuzz_db, tmp_path, format_name):
    path = tmp_path / "photo.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    message = refused(fuzz_db, path, format_name)
    clear = ("binary", "not a", "cannot be read", "not well-formed XML")
    assert any(words in message for words in clear), message
    zipped = tmp_path / "archive.csv"
    with zipfile.ZipFile(zipped, "w") as archive:
        archive.writestr("inside.txt", "hello")
    refused(fuzz_db, zipped, format_name)


@pytest.mark.parametrize("format_name", FORMATS)
def test_utf16_file_is_read_as_its_text_or_refused(fuzz_db, tmp_path, format_name):
    """UTF-16 with a byte-order mark is either decoded (the same rows as the UTF-8 file) or
    refused with a message that says how to save it; without a mark it is refused."""
    text = seed_text(format_name)
    path = tmp_path / "utf16.csv"
    path.write_bytes(text.encode("utf-16"))
    report = load_and_check(fuzz_db, path, format_name)
    if report.status == "refused":
        clear = ("UTF-16", "binary", "not well-formed XML")
        assert any(words in report.message for words in clear), report.message
    else:
        assert report.rows_read > 0, report
    no_bom = tmp_path / "utf16_no_bom.csv"
    no_bom.write_bytes(text.encode("utf-16-le"))
    refused(fuzz_db, no_bom, format_name)


@pytest.mark.parametrize("format_name", [None, *FORMATS])
def test_file_over_the_size_limit_is_refused_before_reading(fuzz_db, tmp_path, format_name):
    path = tmp_path / "huge.csv"
    path.write_bytes(seed_path(FORMATS[0]).read_bytes())
    # A sparse file: over the limit on disk in no time, and never read.
    with path.open("r+b") as handle:
        handle.truncate(DEFAULT_MAX_INPUT_MB * 1024 * 1024 + 1)
    message = refused(fuzz_db, path, format_name)
    assert message == (
        f"huge.csv: 512 MB is over the {DEFAULT_MAX_INPUT_MB} MB limit for one input file; "
        "split it, or raise the limit with EMBARGO_MAX_INPUT_MB"
    )


def test_missing_file_and_folder_are_refused(fuzz_db, tmp_path):
    assert refused(fuzz_db, tmp_path / "gone.csv", "unroca") == "gone.csv: does not exist"
    folder = tmp_path / "folder.csv"
    folder.mkdir()
    assert refused(fuzz_db, folder, None) == "folder.csv: is not a file"


BILLION_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{i} "' + (f"&lol{i - 1};" if i > 1 else "&lol;") * 10 + '">'
        for i in range(1, 10)
    )
    + "]>"
)


def entity_bomb_workbook(path: Path, header: list[str]) -> Path:
    """A workbook whose sheet XML declares nested entities that expand to a billion 'lol's."""
    plain = path.with_name("plain.xlsx")
    workbook = openpyxl.Workbook()
    workbook.active.append(header)
    workbook.active.append(["&bomb;"] * len(header))
    workbook.save(plain)
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(path, "w") as bomb:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename.startswith("xl/worksheets/"):
                body = data.decode().split("?>", 1)[-1]
                data = (BILLION_LAUGHS + body.replace("&amp;bomb;", "&lol9;")).encode()
            bomb.writestr(item, data)
    return path


@pytest.mark.timeout(60)
@pytest.mark.parametrize("format_name", FORMATS)
def test_xml_entity_expansion_is_refused(fuzz_db, tmp_path, format_name):
    header = next(csv.reader(io.StringIO(seed_text(format_name))))
    xml = tmp_path / "laughs.xml"
    xml.write_text(BILLION_LAUGHS + "<lolz>&lol9;</lolz>", encoding="utf-8")
    refused(fuzz_db, xml, format_name)
    # calamine expands no entity a DTD declares: the sheet is refused at once, naming the
    # entity (the workbook is read once per format, without detection).
    workbook = entity_bomb_workbook(tmp_path / "laughs.xlsx", header)
    message = refused(fuzz_db, workbook, format_name, detect=False)
    assert "unrecognized entity" in message or "XML" in message or "not a CSV" in message, message


def test_warehouse_checks_pass_after_the_fuzzing(fuzz_db):
    """Whatever was loaded above, the warehouse still reconciles (loads, rejects, keys)."""
    failed = [check.name for check in run_checks(fuzz_db) if not check.passed]
    assert failed == []
    print(f"\nfiles tried: {OUTCOMES.total()}")
    for (format_name, status), files in sorted(OUTCOMES.items()):
        print(f"  {format_name:<12} {status:<15} {files}")
